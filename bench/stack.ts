import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { freePort, startTemporalServer, type RunningTemporalServer } from '../scripts/temporal-server';
import { startWorld, type World } from '../test/helpers/world';

/** One fresh dev server (in memory, its own port) and the local registries, mail sink and banner: everything a run talks to. */
export interface Stack { server: RunningTemporalServer; engineMetricsUrl: string; world: World; client: Client; connection: NativeConnection; close(): Promise<void> }

export async function startStack(): Promise<Stack> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const metricsPort = await freePort();
  const server = await startTemporalServer({ port: await freePort(), metricsPort });
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
    },
  };
}
