/** `takedown report --format csv|json [filters]`: the coordinator's export of targets, to stdout or --out. */
import fs from 'node:fs';
import { apiClient, CliError } from './api-client';
import { last, parseArgs } from './args';
import { filterQuery } from './list';
import { exitCodes, type CliIo } from './io';
import { runCommand } from './output';

export async function runReport(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  if (positional.length) { io.stderr.write('usage: takedown report [--format csv|json] [--out FILE] [list filters]\n'); return exitCodes.usage; }
  return runCommand(io, async () => {
    const format = last(options, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new CliError('--format is csv or json');
    const query = filterQuery(options);
    const text = await apiClient().text(`/api/report?format=${format}${query ? `&${query}` : ''}`);
    const out = last(options, 'out');
    if (out) fs.writeFileSync(out, text);
    else io.stdout.write(format === 'json' ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : text);
    return exitCodes.ok;
  });
}
