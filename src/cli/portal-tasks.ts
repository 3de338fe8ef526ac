/**
 * The portal tasks of a profile: `takedown record-portal-submission <profile>` records a request made in a
 * platform's portal (its reference and time start the platform's clock); `takedown extend-preservation
 * <profile>` extends a preservation once (by letter, or with the portal's reference where it was made there).
 */
import type { PortalSubmission, PreservationRecord } from '../../domain/profile-takedown';
import type { TargetStatus } from '../../domain/target';
import { apiClient } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { runCommand } from './output';

const submissionUsage = `usage: takedown record-portal-submission <profile> --reference REF [--kind takedown|preservation] [--submitted-at ISO-TIME]
  (--kind defaults to the request the profile waits for; --submitted-at to now)
`;
const extendUsage = 'usage: takedown extend-preservation <profile> [--reference REF] [--submitted-at ISO-TIME]\n';

type Parsed = { target: string; options: Record<string, string[]> } | { code: number };

function parsed(args: string[], allowed: string[], usage: string, io: CliIo): Parsed {
  const { positional, options } = parseArgs(args, ['help']);
  const unknown = Object.keys(options).filter((o) => !allowed.includes(o) && o !== 'help');
  if (positional.length !== 1 || unknown.length || options.help) {
    (options.help ? io.stdout : io.stderr).write(usage);
    return { code: options.help ? exitCodes.ok : exitCodes.usage };
  }
  return { target: positional[0]!, options };
}

export async function runRecordPortalSubmission(args: string[], io: CliIo): Promise<number> {
  const p = parsed(args, ['reference', 'kind', 'submitted-at'], submissionUsage, io);
  if ('code' in p) return p.code;
  const { target, options } = p;
  return runCommand(io, async () => {
    const client = apiClient();
    const path = `/api/targets/${encodeURIComponent(target)}`;
    // Without --kind, the request the profile's open task asks for (the API refuses when there is none).
    const kind = last(options, 'kind') ?? (await client.request<TargetStatus>('GET', path)).task?.checklist?.kind ?? 'takedown';
    const made = await client.request<PortalSubmission>('POST', `${path}/portal-submission`, { kind, reference: last(options, 'reference'), submittedAt: last(options, 'submitted-at') ?? new Date().toISOString() });
    io.stdout.write(`${target}: ${made.kind} request recorded (portal reference ${made.reference}, submitted ${made.submittedAt})\n`);
    return exitCodes.ok;
  });
}

export async function runExtendPreservation(args: string[], io: CliIo): Promise<number> {
  const p = parsed(args, ['reference', 'submitted-at'], extendUsage, io);
  if ('code' in p) return p.code;
  const { target, options } = p;
  return runCommand(io, async () => {
    const reference = last(options, 'reference');
    const body = reference ? { reference, submittedAt: last(options, 'submitted-at') ?? new Date().toISOString() } : {};
    const record = await apiClient().request<PreservationRecord>('POST', `/api/targets/${encodeURIComponent(target)}/preservation/extend`, body);
    io.stdout.write(`${target}: preservation extended to ${record.expiresAt}\n`);
    return exitCodes.ok;
  });
}
