import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { freePort, startTemporalServer, type RunningTemporalServer } from '../scripts/temporal-server';
import { startWorld, type World } from '../test/helpers/world';

/**
 * One fresh dev server (its own port) and the local registries, mail sink and banner: everything a run talks to.
 * The engine keeps its state in a fresh SQLite file, as `npm start`'s does: in memory, SQLite's page cache holds
 * the whole database and every commit walked it (`pcache1TruncateUnsafe`, 9% of the engine's CPU at 2,500 targets and
 * 17% at 3,500 in a profile of the 10,000-target operation, growing as its workflows piled up). On a file it does not.
 */
export interface Stack { server: RunningTemporalServer; engineMetricsUrl: string; world: World; client: Client; connection: NativeConnection; close(): Promise<void> }

export async function startStack(): Promise<Stack> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const metricsPort = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
  const server = await startTemporalServer({ port: await freePort(), metricsPort, dbFile: path.join(dir, 'temporal.db') });
  const world = await startWorld();
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({ connection: clientConnection });
  const connection = await NativeConnection.connect({ address: server.address });
  return {
    server, engineMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, world, client, connection,
    async close() {
      await clientConnection.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await world.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
