import { chaosFigures, chaosTable } from '../../bench/chaos/report';
import { runChaos } from '../../bench/chaos/run';
import { compressedRun } from '../../bench/chaos/settings';

/**
 * The chaos run compressed (bench/chaos/settings.ts, compressedRun): a handful of targets in two cases through
 * the whole pipeline, driven through the API as people do, while the worker process is SIGKILLed once, the
 * Temporal server restarts once on its SQLite file, the SMTP sink refuses, RDAP answers 429, 503 and drops
 * connections, and DNS stops. Its own Temporal server (it restarts it), its own worker process.
 */
test('the pipeline loses nothing and fails nothing under worker kills, a server restart and outages of SMTP, RDAP and DNS', async () => {
  const settings = compressedRun();
  const result = await runChaos(settings);
  const figures = chaosFigures(result);
  const table = chaosTable(figures);

  // Every fault of the schedule happened, and the outages met real traffic.
  const fault = (name: string) => figures.faults.find((f) => f.fault === name);
  expect(figures.faults.map((f) => `${f.fault} ×${f.times}`).sort()).toEqual([
    'DNS server stopped ×1', 'RDAP answers 429 ×1', 'RDAP answers 503 ×1', 'RDAP drops connections ×1', 'SMTP sink refuses (451) ×1', 'Temporal server restart ×1', 'worker SIGKILL ×1',
  ]);
  expect(result.worker.kills).toBe(1);
  expect(result.worker.starts).toBeGreaterThanOrEqual(2);
  expect(result.serverRestarts).toBe(1);
  const met = (name: string) => Number(fault(name)!.met[0]?.split(' ')[0] ?? 0);
  expect(met('SMTP sink refuses (451)')).toBeGreaterThan(0);
  expect(met('RDAP answers 429') + met('RDAP answers 503') + met('RDAP drops connections')).toBeGreaterThan(0);

  // What survived: all of it.
  expect({ driven: figures.driven, table }).toEqual({ driven: { ok: true }, table });
  expect(figures.targetsByStage).toEqual({ SEIZED: settings.targets });
  expect(figures.caseDisagrees.count).toBe(0);
  expect(figures.notices.recorded).toBeGreaterThanOrEqual(2 * settings.cases); // the registry's order and the registrar's notice per case
  expect(figures.notices.lost).toEqual([]);
  expect(figures.notices.duplicates).toEqual([]);
  expect(figures.decisions.made).toBeGreaterThanOrEqual(4 * settings.cases + 2 * settings.cases); // open, submit, approve, warrant; two acknowledgements
  expect(figures.decisions.lost).toEqual([]);
  expect(figures.decisions.doubled).toEqual([]);
  expect(figures.executions.failed).toEqual([]);
  expect(figures.ok).toBe(true);
}, 240_000);
