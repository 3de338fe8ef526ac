/**
 * `takedown decide <case> approve|reject|request-changes`: counsel's decision on the open review round,
 * on the case's current package version unless --version names one (a stale one is refused).
 */
import type { DecisionRecord } from '../../domain/review';
import { apiClient, CliError } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { runCommand } from './output';

const usage = `usage: takedown decide <case> approve [--exclude TARGET=REASON ...] [--version N]
       takedown decide <case> reject --reason TEXT [--version N]
       takedown decide <case> request-changes --changes TEXT [--version N]
`;

export async function runDecide(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const [caseId, decision] = positional;
  if (positional.length !== 2 || !['approve', 'reject', 'request-changes'].includes(decision!)) { io.stderr.write(usage); return exitCodes.usage; }
  return runCommand(io, async () => {
    const client = apiClient();
    const given = last(options, 'version');
    const packageVersion = given ? Number(given) : (await client.request<{ packageVersion: number }>('GET', `/api/cases/${encodeURIComponent(caseId!)}`)).packageVersion;
    const exclude = (options.exclude ?? []).map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new CliError(`--exclude takes TARGET=REASON, not "${pair}"`);
      return { target: pair.slice(0, at), reason: pair.slice(at + 1) };
    });
    const body = decision === 'approve' ? { decision, packageVersion, exclude } : decision === 'reject' ? { decision, packageVersion, reason: last(options, 'reason') } : { decision, packageVersion, changes: last(options, 'changes') };
    const made = await client.request<DecisionRecord>('POST', `/api/cases/${encodeURIComponent(caseId!)}/decision`, body);
    io.stdout.write(`case ${caseId}: round ${made.round} ${made.decision.decision} (package version ${made.packageVersion}) by ${made.actor.name}\n`);
    return exitCodes.ok;
  });
}
