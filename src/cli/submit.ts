/** `takedown submit <case>`: the agent sends the current package version to counsel (a new review round). */
import type { ReviewRound } from '../../domain/review';
import { apiClient } from './api-client';
import { parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { runCommand } from './output';

export async function runSubmit(args: string[], io: CliIo): Promise<number> {
  const { positional } = parseArgs(args);
  if (positional.length !== 1) { io.stderr.write('usage: takedown submit <case>\n'); return exitCodes.usage; }
  return runCommand(io, async () => {
    const round = await apiClient().request<ReviewRound>('POST', `/api/cases/${encodeURIComponent(positional[0]!)}/submit`);
    io.stdout.write(`case ${positional[0]}: review round ${round.round} opened on package version ${round.packageVersion}\n`);
    return exitCodes.ok;
  });
}
