/**
 * `takedown custody list|show|record|reverify`: seized domains in custody, one domain's custody, the
 * forfeiture facts people record on it (notice, publication, claim, court acts, release), re-verification.
 */
import type { CustodyStatus, ForfeitureView } from '../../domain/custody';
import { custodyFacts } from '../api/custody/facts';
import type { CustodyRow } from '../api/temporal/visibility';
import { apiClient, CliError } from './api-client';
import { parseArgs } from './args';
import { asOptions, bodyOf, factUsage, optionsOf, UsageError } from './custody-options';
import { clockLines, printCustody, printLines } from './custody-show';
import { filterQuery } from './list';
import { exitCodes, type CliIo } from './io';
import { printJson, printTable, runCommand } from './output';

const usage = `usage: takedown custody list [--stage S[,S]] [--case ID] [--deadline OK|DUE_SOON|BREACHED] [--limit N] [--json]
       takedown custody show <domain> [--json]
       takedown custody record <domain> <fact> [options]
       takedown custody reverify <domain>

facts and their options (dates as YYYY-MM-DD or an ISO date-time):
${custodyFacts.map((f) => `  ${factUsage(f)}`).join('\n')}
`;

const listOptions = ['stage', 'case', 'deadline', 'limit', 'json'];
/** Every yes/no option of any fact (`--sealed`): given alone, without a value. */
const switches = [...new Set(custodyFacts.flatMap((f) => optionsOf(f).filter((o) => o.kind === 'switch').map((o) => o.flag)))];
const custodyPath = (domain: string, rest = '') => `/api/custody/${encodeURIComponent(domain)}${rest}`;

export async function runCustody(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  try {
    const { positional, options } = parseArgs(rest, ['json', ...switches]);
    const [domain, factName] = positional;
    if (sub === 'list' && !positional.length && Object.keys(options).every((o) => listOptions.includes(o))) return await list(io, options);
    if (sub === 'show' && positional.length === 1) return await show(io, domain!, options.json !== undefined);
    if (sub === 'reverify' && positional.length === 1) return await reverify(io, domain!);
    if (sub === 'record' && positional.length === 2) return await record(io, domain!, factName!, options);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof Error && /needs a value/.test(error.message))) throw error;
    io.stderr.write(`takedown: ${error.message}\n\n`);
  }
  (sub === 'help' ? io.stdout : io.stderr).write(usage);
  return sub === 'help' ? exitCodes.ok : exitCodes.usage;
}

function list(io: CliIo, options: Record<string, string[]>): Promise<number> {
  return runCommand(io, async () => {
    const query = filterQuery(options);
    const { domains } = await apiClient().request<{ domains: CustodyRow[] }>('GET', `/api/custody${query ? `?${query}` : ''}`);
    if (options.json) printJson(io, domains);
    else printTable(io, ['DOMAIN', 'STAGE', 'CASE', 'DEADLINE', 'NEXT DEADLINE', 'ENDED'], domains.map((d) => [d.domain, d.stage, d.caseId, d.deadlineState, d.deadlineAt, d.closedAt]));
    return exitCodes.ok;
  });
}

function show(io: CliIo, domain: string, json: boolean): Promise<number> {
  return runCommand(io, async () => {
    const status = await apiClient().request<CustodyStatus>('GET', custodyPath(domain));
    if (json) printJson(io, status);
    else printCustody(io, status);
    return exitCodes.ok;
  });
}

function reverify(io: CliIo, domain: string): Promise<number> {
  return runCommand(io, async () => {
    await apiClient().request('POST', custodyPath(domain, '/reverify'));
    io.stdout.write(`${domain}: re-verification asked for; \`takedown custody show ${domain}\` shows its result\n`);
    return exitCodes.ok;
  });
}

async function record(io: CliIo, domain: string, factName: string, options: Record<string, string[]>): Promise<number> {
  const fact = custodyFacts.find((f) => f.name === factName);
  if (!fact) throw new UsageError(`unknown fact "${factName}"; one of ${custodyFacts.map((f) => f.name).join(', ')}`);
  const body = bodyOf(fact, options);
  return runCommand(io, async () => {
    let view: ForfeitureView;
    try {
      view = await apiClient().request<ForfeitureView>('POST', custodyPath(domain, `/${fact.path}`), body);
    } catch (error) {
      throw error instanceof CliError ? new CliError(error.message, error.code, asOptions(error.fields)) : error;
    }
    io.stdout.write(`${domain}: ${fact.name.replace(/-/g, ' ')} recorded; ${view.state}\n`);
    printLines(io, clockLines(view.clocks));
    return exitCodes.ok;
  });
}
