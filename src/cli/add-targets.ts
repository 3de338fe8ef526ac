/**
 * `takedown add-targets <case> <file.csv|file.json|->`: imports targets; prints one line per row
 * (row, status, target or reason) so nothing is dropped silently; exit 2 when any row was refused.
 */
import fs from 'node:fs';
import type { ImportReport } from '../api/cases/add-targets';
import { apiClient, CliError } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { printJson, printTable, readAll, runCommand } from './output';

const usage = 'usage: takedown add-targets <case> <file.csv|file.json|-> [--format csv|json] [--json]\n  "-" reads the file from stdin (CSV unless --format json)\n';

export async function runAddTargets(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['json']);
  if (positional.length !== 2) { io.stderr.write(usage); return exitCodes.usage; }
  const [caseId, file] = positional as [string, string];
  return runCommand(io, async () => {
    const format = last(options, 'format') ?? (/\.json$/i.test(file) ? 'json' : 'csv');
    if (format !== 'csv' && format !== 'json') throw new CliError('--format is csv or json');
    let content: string;
    try {
      content = file === '-' ? await readAll(io.stdin) : fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const report = await apiClient().request<ImportReport>('POST', `/api/cases/${encodeURIComponent(caseId)}/targets/import`, { format, content });
    if (options.json) printJson(io, report);
    else printTable(io, ['ROW', 'STATUS', 'TARGET OR REASON'], report.rows.map((r) => [r.line, r.status, r.error ? `${r.error.code}: ${r.error.message}` : r.key]));
    io.stderr.write(`${report.counts.started} started, ${report.counts.refused} refused, ${report.counts.duplicate} duplicate\n`);
    return report.counts.refused > 0 ? exitCodes.invalidInput : exitCodes.ok;
  });
}
