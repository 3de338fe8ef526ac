import fc from 'fast-check';

/**
 * How many generated inputs each fuzz property gets: one setting, `TAKEDOWN_FUZZ_RUNS`, 1,000 by default
 * (`npm test`), 10,000 under `npm run fuzz`. `TAKEDOWN_FUZZ_SEED` replays a run fast-check reported.
 */
export function fuzzRuns(): number {
  const raw = process.env.TAKEDOWN_FUZZ_RUNS;
  if (raw === undefined || raw === '') return 1000;
  if (!/^[1-9]\d{0,6}$/.test(raw)) throw new Error(`TAKEDOWN_FUZZ_RUNS must be a whole number from 1 to 9999999, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** fast-check's parameters for one property: the runs (a share of them, for the costly ones) and the seed. */
export function fuzzParameters(share = 1): fc.Parameters<unknown> {
  const seed = process.env.TAKEDOWN_FUZZ_SEED;
  return {
    numRuns: Math.max(1, Math.round(fuzzRuns() * share)),
    ...(seed ? { seed: Number(seed) } : {}),
    // A failing run is shrunk to its smallest input, printed with the seed and path that replay it.
    verbose: 1,
  };
}

/** A generous timeout for a fuzz test: its runs scale with the setting (about `msPerRun` each), at least a minute. */
export const fuzzTimeout = (msPerRun: number) => Math.max(60_000, fuzzRuns() * msPerRun);
