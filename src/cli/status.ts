/** `takedown status <case|target>`: a case's stage, targets and recent timeline, or one target's full record. */
import type { CaseStatusView as CaseStatus } from '../../domain/case-view';
import type { TargetStatus } from '../../domain/target';
import { apiClient } from './api-client';
import { parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { printJson, printTable, runCommand } from './output';

const usage = 'usage: takedown status <case-id | domain | platform:handle> [--json]\n';

/** A case ID has no dot or colon; a domain always has a dot, a profile key a colon. */
const isCaseId = (value: string) => /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/.test(value);

export async function runStatus(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['json']);
  if (positional.length !== 1) { io.stderr.write(usage); return exitCodes.usage; }
  const subject = positional[0]!;
  return runCommand(io, async () => {
    const client = apiClient();
    if (isCaseId(subject)) {
      const status = await client.request<CaseStatus>('GET', `/api/cases/${encodeURIComponent(subject)}`);
      if (options.json) printJson(io, status);
      else printCase(io, status);
    } else {
      const target = await client.request<TargetStatus>('GET', `/api/targets/${encodeURIComponent(subject)}`);
      if (options.json) printJson(io, target);
      else printTarget(io, target);
    }
    return exitCodes.ok;
  });
}

function printCase(io: CliIo, s: CaseStatus): void {
  const pkg = s.packageVersions.at(-1)!.package;
  io.stdout.write(`case ${s.caseId}: ${s.stage}\n  ${pkg.title}\n  package version ${s.packageVersion}, review round ${s.round}, opened by ${s.openedBy.name}\n\n`);
  printTable(io, ['TARGET', 'KIND', 'STAGE', 'REGISTRAR', 'NOTE'], s.targets.map((t) => [t.key, t.kind, t.stage, t.registrar, t.note]));
  io.stdout.write('\n');
  for (const e of s.timeline.slice(-8)) io.stdout.write(`${e.at}  ${e.actor.name} (${e.actor.role}): ${e.action}${e.reason ? ` — ${e.reason}` : ''}\n`);
}

function printTarget(io: CliIo, t: TargetStatus): void {
  io.stdout.write(`${t.workflowId}: ${t.stage} (case ${t.caseId})\n`);
  if (t.registration) io.stdout.write(`  registry ${t.registration.registry.name}; registrar ${t.registration.registrar.name}\n`);
  io.stdout.write('\n');
  for (const e of t.timeline) io.stdout.write(`${e.at}  ${e.stage ?? ''}  ${e.actor.name} (${e.actor.role}): ${e.action}${e.detail ? ` — ${e.detail}` : ''}\n`);
}
