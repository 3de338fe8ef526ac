import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Creates Temporal's two databases and brings their schemas to the newest version, with the server's own
 * temporal-sql-tool and the schema files of the same module. Every step is safe to repeat on a later start
 * (an existing database is kept, update-schema applies only what is missing).
 */
export function setUpSchemas(serverDir: string, postgres: { port: number; user: string; password: string }): void {
  const tool = path.join(serverDir, 'temporal-sql-tool');
  for (const [database, schema] of [['temporal', 'temporal'], ['temporal_visibility', 'visibility']] as const) {
    // --plugin and -p always: the tool's defaults are MySQL's (mysql8, 3306).
    const sql = (...args: string[]) => execFileSync(tool, ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(postgres.port), '-u', postgres.user, '--pw', postgres.password, '--db', database, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      sql('create-database');
    } catch (error) {
      if (!/already exists/.test(String((error as { stderr?: Buffer }).stderr ?? error))) throw error;
    }
    sql('setup-schema', '-v', '0.0');
    sql('update-schema', '-d', path.join(serverDir, 'schema', 'postgresql', 'v12', schema, 'versioned'));
  }
}
