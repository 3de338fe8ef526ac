import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface RunningPostgres {
  port: number;
  /** The `temporal` role (LOGIN, CREATEDB) and its password, kept in the data directory. */
  user: string;
  password: string;
  /** Runs a client program of this PostgreSQL (psql, pg_dump) as its owner, over its socket. */
  run(program: 'psql' | 'pg_dump', args: string[]): string;
  stop(): void;
}

/**
 * PostgreSQL from the Debian packages (installed with apt when missing), on 127.0.0.1:<port> with its data in
 * <dir>/pgdata. initdb refuses root, so as root it runs as the packages' `postgres` user (a socket directory of
 * its own in <dir>/run, its log in <dir>/log); otherwise as whoever runs this. A second start finds the data directory and reuses it.
 */
export function startPostgres(dir: string, port: number): RunningPostgres {
  const bin = postgresBinDir();
  const { owner, as, run } = postgresClient(dir, port, bin);
  const pgdata = path.join(dir, 'pgdata');
  const socketDir = path.join(dir, 'run');
  const logDir = path.join(dir, 'log');
  fs.mkdirSync(dir, { recursive: true });
  for (const d of [pgdata, socketDir, logDir]) {
    fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    if (owner) execFileSync('chown', [owner, d]);
  }
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    // Local connections (the socket, only its owner can reach) are trusted; TCP needs the password.
    as('initdb', ['-D', pgdata, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const passwordFile = path.join(dir, 'temporal-password');
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();

  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1`;
  as('pg_ctl', ['-D', pgdata, '-l', path.join(logDir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
  // The role Temporal connects as; CREATEDB so temporal-sql-tool can create its two databases.
  run('psql', ['-v', 'ON_ERROR_STOP=1', '-d', 'postgres', '-c', `DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal') THEN CREATE ROLE temporal LOGIN CREATEDB; END IF;
    ALTER ROLE temporal PASSWORD '${password}';
  END $$;`]);
  return {
    port, user: 'temporal', password, run,
    stop() {
      try { as('pg_ctl', ['-D', pgdata, '-m', 'fast', '-w', 'stop']); } catch { /* already stopped */ }
    },
  };
}

/**
 * Runs this PostgreSQL's programs as the data directory's owner (`postgres` when we are root), and its clients
 * (psql, pg_dump) as the superuser over the socket in <dir>/run: a test reads the databases through this.
 */
export function postgresClient(dir: string, port: number, bin = postgresBinDir()) {
  const owner = process.getuid?.() === 0 ? 'postgres' : undefined;
  const as = (program: string, args: string[]) => execFileSync(owner ? 'runuser' : path.join(bin, program), owner ? ['-u', owner, '--', path.join(bin, program), ...args] : args,
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
  const run = (program: 'psql' | 'pg_dump', args: string[]) => as(program, ['-h', path.join(dir, 'run'), '-p', String(port), '-U', 'postgres', ...args]);
  return { owner, as, run };
}

/** The newest PostgreSQL under /usr/lib/postgresql, installing Debian's `postgresql` once if there is none. */
function postgresBinDir(): string {
  const find = () => {
    const root = '/usr/lib/postgresql';
    const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
    return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
  };
  const found = find();
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed: run `sudo apt-get install -y postgresql` (Debian/Ubuntu), then start the cluster again');
  console.log('Installing PostgreSQL from the Debian packages (apt-get install postgresql)...');
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = find();
  if (!installed) throw new Error('apt-get installed postgresql but no /usr/lib/postgresql/<version>/bin/initdb appeared');
  return installed;
}
