import { chaosFigures, chaosTable, writeChaosResult } from './report';
import { runChaos } from './run';
import { parseChaosArgs, usage } from './settings';

/** `npm run chaos -- [--targets N]`: the chaos run (bench/chaos/run.ts), its tables on stdout, bench/results/chaos.json; exit 1 when a check failed. */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--help' || argv[0] === '-h') { console.log(usage); return; }
  const settings = parseChaosArgs(argv);
  const started = Date.now();
  const result = await runChaos(settings, (line) => console.error(`[chaos ${Math.round((Date.now() - started) / 1000)}s] ${line}`));
  const figures = chaosFigures(result);
  console.log(chaosTable(figures));
  console.error(`written to ${writeChaosResult(figures)}`);
  if (!figures.ok) process.exitCode = 1;
}

void main(process.argv.slice(2)).then(() => process.exit(process.exitCode ?? 0), (error) => { console.error(error instanceof Error ? error.stack ?? error.message : error); process.exit(1); });
