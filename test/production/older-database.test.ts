import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { searchAttributes } from '../../domain/search-attributes';
import { freePort, startTemporalServer, temporalBinary, waitForPort } from '../../scripts/temporal-server';

/**
 * `npm start` on a `.data/temporal.db` made before some of our search attributes existed: start-dev registers
 * them only when it creates the namespace, so startTemporalServer adds what is missing, and the engine (which
 * reads attribute names at start, not at every use) must then know them: a query on each one is accepted.
 */
test('a database made without our search attributes gets them, and the engine answers queries on them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'older-db-'));
  const dbFile = path.join(dir, 'temporal.db');
  const port = await freePort();
  // The older database: the same dev server, started on the file once with none of our attributes.
  const older = spawn(temporalBinary(), ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', dbFile, '--log-level', 'error'], { stdio: 'ignore' });
  const olderExited = new Promise((resolve) => older.once('exit', resolve));
  await waitForPort('127.0.0.1', port, 30_000, olderExited as Promise<number | null>);
  older.kill('SIGTERM');
  await olderExited;

  const server = await startTemporalServer({ port, dbFile });
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection });
    for (const attribute of Object.values(searchAttributes)) {
      // An attribute the engine does not know fails the query ("invalid query" / unknown search attribute).
      await expect(client.workflow.count(`${attribute.name} IS NOT NULL`)).resolves.toEqual(expect.objectContaining({ count: 0 }));
    }
  } finally {
    await connection.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
