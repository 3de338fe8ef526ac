/** `takedown tasks [--case C] [--json]`: the open tasks the signed-in person's role does, soonest deadline first. */
import type { PersonTask } from '../api/cases/person-tasks';
import { apiClient } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { printJson, printTable, runCommand } from './output';

const usage = 'usage: takedown tasks [--case ID] [--json]\n';

/** The command that does each kind of task, shown beside it. */
export const doneWith: Record<PersonTask['kind'], (t: PersonTask) => string> = {
  'manual-lookup': (t) => `takedown record-registration ${t.target} ...`,
  'portal-submission': (t) => `takedown record-portal-submission ${t.target} --kind ${t.checklist?.kind ?? 'takedown'} --reference REF`,
  'preservation-extension': (t) => `takedown extend-preservation ${t.target}`,
};

export async function runTasks(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['json', 'help']);
  const unknown = Object.keys(options).filter((o) => !['case', 'json', 'help'].includes(o));
  if (positional.length || unknown.length || options.help) { (options.help ? io.stdout : io.stderr).write(usage); return options.help ? exitCodes.ok : exitCodes.usage; }
  return runCommand(io, async () => {
    const caseId = last(options, 'case');
    const { tasks } = await apiClient().request<{ tasks: PersonTask[] }>('GET', `/api/tasks${caseId ? `?case=${encodeURIComponent(caseId)}` : ''}`);
    if (options.json) printJson(io, tasks);
    else if (tasks.length === 0) io.stdout.write('no open tasks\n');
    else printTable(io, ['TARGET', 'TASK', 'CASE', 'DUE', 'DO IT WITH'], tasks.map((t) => [t.target, t.kind, t.caseId, t.dueBy, doneWith[t.kind](t)]));
    return exitCodes.ok;
  });
}
