import type { RunningTemporalServer } from '../../scripts/temporal-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __TEMPORAL_SERVER__?: RunningTemporalServer }).__TEMPORAL_SERVER__?.stop();
}
