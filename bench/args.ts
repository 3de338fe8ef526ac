/** The benchmark's command line: `<kind> --targets N [--json] [--no-baseline] [--per-case M] [--window W] [--workflow-tasks T] [--activity-tasks A] [--workflow-threads W] [--cache C]`. */
export type BenchKind = 'case' | 'operation';

export interface BenchArgs {
  kind: BenchKind;
  targets: number;
  json: boolean;
  /** Run the plain-Temporal program first (the default); --no-baseline measures the pipeline alone, without a ratio. */
  baseline: boolean;
  /** Operation only: targets per case (the product's default 250) and cases opening at once (default 2). */
  perCase?: number;
  window?: number;
  /** Worker settings; unset means the SDK's defaults. */
  workflowTasks?: number;
  activityTasks?: number;
  workflowThreads?: number;
  cache?: number;
}

export const usage = 'usage: npm run bench -- case|operation --targets N [--json] [--no-baseline] [--per-case M] [--window W] [--workflow-tasks T] [--activity-tasks A] [--workflow-threads W] [--cache C]\n       npm run bench -- normalize';

export function parseArgs(argv: string[]): BenchArgs {
  const [kind, ...rest] = argv;
  if (kind !== 'case' && kind !== 'operation') throw new Error(usage);
  const args: BenchArgs = { kind, targets: 100, json: false, baseline: true };
  const numeric: Record<string, keyof BenchArgs> = { '--targets': 'targets', '--per-case': 'perCase', '--window': 'window', '--workflow-tasks': 'workflowTasks', '--activity-tasks': 'activityTasks', '--workflow-threads': 'workflowThreads', '--cache': 'cache' };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (flag === '--json') { args.json = true; continue; }
    if (flag === '--no-baseline') { args.baseline = false; continue; }
    const [name, inline] = flag.split('=', 2) as [string, string | undefined];
    const field = numeric[name];
    const value = Number(inline ?? rest[++i]);
    if (!field || !Number.isInteger(value) || value < 1) throw new Error(`bad argument ${flag}\n${usage}`);
    (args as unknown as Record<string, number>)[field] = value;
  }
  return args;
}
