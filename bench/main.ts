import { maxTargetsPerCase } from '../domain/case-package';
import { operationInputSchema } from '../domain/operation';
import { parseArgs, usage } from './args';
import { runBare, type BareFailure } from './bare/run';
import { rssSampler } from './memory';
import { runPipeline } from './pipeline/run';
import { followProgress, progressBar, type Progress } from './progress';
import { report, writeResult } from './report';
import { startStack } from './stack';
import { workerSettings } from './workers';

/**
 * `npm run bench -- case|operation --targets N [--json] [--no-baseline]`: on one fresh dev server, first the
 * plain-Temporal baseline of the same shape (bench/bare/, unless --no-baseline), then the pipeline (workflows/ driven through the API), each
 * with a progress bar on stderr; the JSON on stdout and in bench/results/<kind>-<N>.json.
 * `npm run bench -- normalize`: the normalisation throughput (bench/normalize.ts).
 */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'normalize') { await import('./normalize'); return; }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') { console.error(usage); process.exit(argv.length ? 0 : 2); }
  const args = parseArgs(argv);
  const perCase = args.kind === 'case' ? args.targets : (args.perCase ?? 250);
  if (args.kind === 'case' && args.targets > maxTargetsPerCase) throw new Error(`a case holds at most ${maxTargetsPerCase} targets: use \`operation --targets N\``);
  const caseSizes = Array.from({ length: Math.ceil(args.targets / perCase) }, (_, i) => Math.min(perCase, args.targets - i * perCase));
  const settings = workerSettings(args);
  // Cases opening at once, the same on both sides: the operation's own default unless --window says.
  const window = args.window ?? operationInputSchema.shape.window.parse(undefined);
  const memory = rssSampler();
  const stack = await startStack();
  const stallSeconds = Number(process.env.BENCH_STALL_SECONDS ?? 300);
  // The bar counts through visibility (three counts a read, each over every workflow on the dev server's
  // SQLite); at 10,000 targets the engine's core was saturated while the bar read it every second, so it reads
  // less often the more targets there are, as the drivers read case pages.
  const progressEveryMs = Math.min(10_000, Math.max(1000, args.targets));
  try {
    /** The progress bar of one side; `guard` fails the run when that side stops moving for BENCH_STALL_SECONDS. */
    const watch = (label: string) => {
      let follower: ReturnType<typeof followProgress> | undefined;
      let stall: (error: Error) => void = () => undefined;
      const stalled = new Promise<never>((_, reject) => { stall = reject; });
      stalled.catch(() => undefined);
      return {
        onStart: (read: () => Promise<Progress>) => {
          follower = followProgress(progressBar(label, args.targets), read, progressEveryMs, stallSeconds, (last) => stall(new Error(`${label}: nothing moved for ${stallSeconds} s (${last.done}/${args.targets} done, ${last.phase})`)));
        },
        guard: <T>(run: Promise<T>) => Promise.race([run, stalled]).finally(() => follower?.stop()),
        /** For a side whose run races `stalled` itself (its workers stop, what it left running ends): waits for that run to end. */
        follow: <T>(run: Promise<T>) => run.finally(() => follower?.stop()),
        /** Rejects when the side stalls. */
        stalled,
      };
    };
    const bareWatch = watch('baseline');
    // The plain program has limits of its own: a parent told of every stage of its children by Signal meets
    // Temporal's 10,000 Signals per workflow (a case of 2,000 could not be acknowledged). The pipeline is still
    // run and measured; the result says why it has no ratio.
    const bare = !args.baseline ? { notRun: 'the run was asked for without its baseline (--no-baseline)' } : await bareWatch.follow(runBare({ client: stack.client, connection: stack.connection, address: stack.server.address, kind: args.kind, caseSizes, window, settings, onStart: bareWatch.onStart, stalled: bareWatch.stalled }))
      .catch((error: unknown): BareFailure => ({ failed: `${error instanceof Error ? error.message : String(error)}${(error as { cause?: Error }).cause ? `: ${(error as { cause: Error }).cause.message}` : ''}` }));
    // Said at once, not only in the result.
    if ('failed' in bare) console.error(`baseline failed (the pipeline runs anyway, without a ratio): ${bare.failed}`);
    const barePeakRssMb = memory.mark();
    const pipeWatch = watch('pipeline');
    const pipeline = await pipeWatch.guard(runPipeline({ client: stack.client, connection: stack.connection, address: stack.server.address, world: stack.world, kind: args.kind, targets: args.targets, perCase, window, settings, onStart: pipeWatch.onStart, engine: { metricsUrl: stack.engineMetricsUrl, pid: stack.server.process.pid! } }));
    const pipelinePeakRssMb = memory.mark();
    const result = report(args, pipeline, bare, { peakRssMb: memory.peakMb(), barePeakRssMb, pipelinePeakRssMb }, { pipeline: pipeline.worker, ...('seconds' in bare ? { bare: bare.worker } : {}), requested: settings });
    const file = writeResult(result, args);
    console.log(JSON.stringify(result, null, args.json ? undefined : 2));
    if (!args.json) console.error(`written to ${file}`);
  } catch (error) {
    // Said before the stack closes: a client call still retrying then throws "Channel has been shut down" and ends the process.
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    throw error;
  } finally {
    memory.stop();
    await stack.close();
  }
}

void main(process.argv.slice(2)).then(() => process.exit(0), (error) => { console.error(error instanceof Error ? error.stack ?? error.message : error); process.exit(1); });
