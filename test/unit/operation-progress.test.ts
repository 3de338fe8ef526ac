import { addSample, estimateMachineFinish, maxSamples, type OperationSample, type OperationSeries } from '../../domain/operation-progress';

const sample = (minute: number, over: Partial<OperationSample> = {}): OperationSample => ({
  at: new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString(), byStage: {}, total: 0, running: 0, waiting: 0, machine: 0, breached: 0,
  tasks: { manualLookup: 0, portalSubmission: 0, checked: 0, candidates: 0 }, ...over,
});

test('the machine side ends at the recent rate of targets leaving lookup and evidence, and is unknown without one', () => {
  // 100 planned: at 9:00 all wait; at 9:10 40 exist, 30 of them past evidence; at 9:20 70 exist, 50 past.
  const points = [sample(0, { waiting: 100 }), sample(10, { waiting: 60, total: 40, machine: 10 }), sample(20, { waiting: 30, total: 70, machine: 20 })];
  const estimate = estimateMachineFinish(points);
  expect(estimate).toMatchObject({ state: 'estimated', remaining: 50, perMinute: 2.5 });
  // 50 to go at 2.5 a minute: 20 minutes after the latest count.
  expect(estimate.finishAt).toBe(new Date(Date.UTC(2026, 11, 1, 9, 40)).toISOString());
  expect(estimate.basis).toMatch(/50 target\(s\) left lookup and evidence in the last 20 min .* 50 to go, 30 of them in cases not started yet/);

  expect(estimateMachineFinish([])).toMatchObject({ state: 'unknown' });
  expect(estimateMachineFinish([sample(0, { waiting: 5 })])).toMatchObject({ state: 'unknown', remaining: 5, basis: expect.stringMatching(/no rate yet/) });
  // Cases starting move nothing out of the machine's hands: no rate.
  expect(estimateMachineFinish([sample(0, { waiting: 5 }), sample(5, { waiting: 3, total: 2, machine: 2 })])).toMatchObject({ state: 'unknown', remaining: 5, basis: expect.stringMatching(/no target left/) });
  // A target waiting for a manual lookup is a person's, not the machine's.
  expect(estimateMachineFinish([sample(0, { total: 1, machine: 1, tasks: { manualLookup: 1, portalSubmission: 0, checked: 1, candidates: 1 } })])).toMatchObject({ state: 'done', remaining: 0 });
});

test('a full series drops every other sample and doubles its interval, keeping the first and the latest', () => {
  const series: OperationSeries = { everyMs: 60_000, samples: [] };
  for (let i = 0; i <= maxSamples; i++) addSample(series, sample(i));
  expect(series.samples.length).toBe(maxSamples / 2 + 1);
  expect(series.everyMs).toBe(120_000);
  expect(series.samples[0]!.at).toBe(sample(0).at);
  expect(series.samples.at(-1)!.at).toBe(sample(maxSamples).at);
});
