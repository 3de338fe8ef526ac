import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main';
import { useApiTest } from '../api/api-world';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * The usual set-up of a CLI test file: the API world, a config directory per person, and `takedown`
 * run in-process (TAKEDOWN_API_URL pointing at the world's API) with its output captured.
 */
export function useCliTest() {
  const t = useApiTest();
  const context = { dir: '' };
  const saved = { ...process.env };
  beforeAll(() => {
    context.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-cli-'));
    process.env.TAKEDOWN_API_URL = t.api.baseUrl;
    delete process.env.TAKEDOWN_TOKEN;
  });
  afterAll(() => { process.env = saved; });

  /** Runs `takedown ...` as one person (each has their own saved session), capturing its output. */
  async function takedown(user: string, args: string[], stdin = ''): Promise<CliRun> {
    process.env.TAKEDOWN_CONFIG_DIR = path.join(context.dir, user);
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await main(args, { stdin: Readable.from([stdin]), stdout, stderr });
    return { code, out, err };
  }

  const login = (user: string) => takedown(user, ['login', '--user', user, '--password-stdin'], `${user}-dev-password\n`);
  return Object.assign(context, { t, takedown, login });
}
