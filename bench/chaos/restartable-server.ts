import { freePort, startTemporalServer, type RunningTemporalServer } from '../../scripts/temporal-server';

export interface RestartableServer {
  address: string;
  /** Stops the dev server (SIGTERM) and starts it again on the same port and SQLite file after `downForMs`. */
  restart(downForMs: number): Promise<void>;
  readonly restarts: number;
  stop(): Promise<void>;
}

/** A Temporal dev server on a persistent SQLite file (`--db-filename`), so its state outlives a restart, as `npm start`'s does. */
export async function startRestartableServer(dbFile: string): Promise<RestartableServer> {
  const port = await freePort();
  let server: RunningTemporalServer | undefined = await startTemporalServer({ port, dbFile });
  let restarts = 0;
  return {
    address: server.address,
    async restart(downForMs) {
      await server?.stop();
      server = undefined;
      await new Promise((resolve) => setTimeout(resolve, downForMs));
      server = await startTemporalServer({ port, dbFile });
      restarts++;
    },
    get restarts() { return restarts; },
    async stop() { await server?.stop(); server = undefined; },
  };
}
