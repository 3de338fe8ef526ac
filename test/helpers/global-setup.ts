import { freePort, startTemporalServer } from '../../scripts/temporal-server';

/** One real Temporal dev server per test run; tests connect to it through TEMPORAL_TEST_ADDRESS. */
export default async function globalSetup(): Promise<void> {
  const port = await freePort();
  const server = await startTemporalServer({ port });
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  (globalThis as { __TEMPORAL_SERVER__?: typeof server }).__TEMPORAL_SERVER__ = server;
}
