/** `takedown record-warrant <case> <warrant.json>`: counsel record the seizure warrant (court, judge, docket, covers). */
import fs from 'node:fs';
import type { WarrantRecord } from '../../domain/warrant-record';
import { apiClient, CliError } from './api-client';
import { parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { runCommand } from './output';

export async function runRecordWarrant(args: string[], io: CliIo): Promise<number> {
  const { positional } = parseArgs(args);
  if (positional.length !== 2) { io.stderr.write('usage: takedown record-warrant <case> <warrant.json>\n'); return exitCodes.usage; }
  const [caseId, file] = positional as [string, string];
  return runCommand(io, async () => {
    let warrant: unknown;
    try {
      warrant = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const made = await apiClient().request<WarrantRecord>('POST', `/api/cases/${encodeURIComponent(caseId)}/warrants`, warrant);
    io.stdout.write(`case ${caseId}: warrant ${made.warrantId} recorded (docket ${made.warrant.docket}, covers ${made.warrant.covers.join(', ')})\n`);
    return exitCodes.ok;
  });
}
