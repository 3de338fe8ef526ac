/** `takedown list [--stage S] [--case C] ...`: targets across cases, filtered by our search attributes. */
import type { TargetRow } from '../api/temporal/visibility';
import { apiClient } from './api-client';
import { parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { printJson, printTable, runCommand } from './output';

export const filterOptions = ['stage', 'case', 'operation', 'registrar', 'registry', 'tld', 'platform', 'deadline', 'kind', 'limit'] as const;

const usage = `usage: takedown list [--stage S[,S]] [--case ID] [--operation ID] [--registrar NAME] [--registry NAME]
                     [--tld TLD] [--platform P] [--deadline OK|DUE_SOON|BREACHED] [--kind domain|profile] [--limit N] [--json]
`;

/** The query string of the filters given (the last of each), as the API's listing takes it. */
export function filterQuery(options: Record<string, string[]>): string {
  const params = new URLSearchParams();
  for (const name of filterOptions) {
    const value = options[name]?.at(-1);
    if (value !== undefined) params.set(name, value);
  }
  return params.toString();
}

export async function runList(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['json', 'help']);
  const unknown = Object.keys(options).filter((o) => !(filterOptions as readonly string[]).includes(o) && o !== 'json' && o !== 'help');
  if (positional.length || unknown.length || options.help) { (options.help ? io.stdout : io.stderr).write(usage); return options.help ? exitCodes.ok : exitCodes.usage; }
  return runCommand(io, async () => {
    const query = filterQuery(options);
    const { targets } = await apiClient().request<{ targets: TargetRow[] }>('GET', `/api/targets${query ? `?${query}` : ''}`);
    if (options.json) printJson(io, targets);
    else printTable(io, ['TARGET', 'STAGE', 'CASE', 'REGISTRAR', 'TLD', 'DEADLINE'], targets.map((t) => [t.key, t.stage, t.caseId, t.registrar, t.tld ?? t.platform, t.deadlineState]));
    return exitCodes.ok;
  });
}
