import { spawn } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(__dirname, '../../bin/takedown.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  lines: Array<Record<string, unknown>>;
}

/** Run `node bin/takedown.js ...args`, feeding `stdin`, as a user would. */
function takedown(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({
        status,
        stdout,
        stderr,
        // Parsed on use: usage text is not JSON, and a line that does not parse must fail the test that reads it.
        get lines() {
          return stdout
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>);
        },
      }),
    );
    child.stdin.end(stdin);
  });
}

describe('takedown normalize', () => {
  test('prints one JSON object per input and exits 0 when all are valid', async () => {
    const run = await takedown([
      'normalize',
      'https://www.Example.com/shop?x=1',
      'bücher.de',
      'shop.blogspot.com',
      'https://twitter.com/Fake_Shop/status/1',
      'https://m.facebook.com/profile.php?id=100012345678901',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.lines).toEqual([
      {
        input: 'https://www.Example.com/shop?x=1',
        kind: 'domain',
        domain: 'example.com',
        unicode: 'example.com',
        tld: 'com',
        warnings: ['dropped path "/shop?x=1"', 'reduced host "www.example.com" to its registrable domain "example.com"'],
      },
      { input: 'bücher.de', kind: 'domain', domain: 'xn--bcher-kva.de', unicode: 'bücher.de', tld: 'de', warnings: [] },
      {
        input: 'shop.blogspot.com',
        kind: 'hosted',
        domain: 'shop.blogspot.com',
        unicode: 'shop.blogspot.com',
        hostingSuffix: 'blogspot.com',
        tld: 'com',
        warnings: [expect.stringContaining('shared-hosting service "blogspot.com"')],
      },
      {
        input: 'https://twitter.com/Fake_Shop/status/1',
        kind: 'profile',
        platform: 'x',
        handle: 'fake_shop',
        url: 'https://x.com/fake_shop',
        warnings: ['dropped path "/status/1" after the profile'],
      },
      {
        input: 'https://m.facebook.com/profile.php?id=100012345678901',
        kind: 'profile',
        platform: 'facebook',
        handle: '100012345678901',
        url: 'https://www.facebook.com/profile.php?id=100012345678901',
        permanentId: '100012345678901',
        warnings: [],
      },
    ]);
    // A profile without a permanent ID prints no permanentId field at all.
    expect(run.lines[3]).not.toHaveProperty('permanentId');
  });

  test('prints refusals as lines too and exits 2', async () => {
    const run = await takedown(['normalize', 'example.com', 'foo_bar.com', '10.0.0.1', 'facebook.com']);
    expect(run.status).toBe(2);
    expect(run.lines).toHaveLength(4);
    expect(run.lines[0]).toMatchObject({ input: 'example.com', kind: 'domain' });
    expect(run.lines[1]).toEqual({
      input: 'foo_bar.com',
      error: {
        code: 'TARGET_INVALID_LABEL',
        message: '"foo_bar.com": label "foo_bar" contains "_"; a label has letters, digits and inner hyphens, at most 63 characters',
      },
    });
    expect(run.lines[2]).toMatchObject({ input: '10.0.0.1', error: { code: 'TARGET_IP_ADDRESS' } });
    expect(run.lines[3]).toMatchObject({ input: 'facebook.com', error: { code: 'TARGET_PROFILE_MISSING' } });
  });

  test('"-" reads inputs from stdin, one per line, skipping blank and # lines', async () => {
    const run = await takedown(['normalize', '-'], '# sweep list\nexample.com\r\n\n  https://www.tiktok.com/@Seller  \nshop.notatld\n');
    expect(run.status).toBe(2);
    expect(run.lines.map((line) => line.input)).toEqual(['example.com', 'https://www.tiktok.com/@Seller', 'shop.notatld']);
    expect(run.lines[1]).toMatchObject({ kind: 'profile', platform: 'tiktok', handle: 'seller' });
    expect(run.lines[2]).toMatchObject({ error: { code: 'TARGET_UNKNOWN_TLD' } });
  });

  test('stdin with only valid inputs exits 0', async () => {
    const run = await takedown(['normalize', '-'], 'example.com\nexample.org\n');
    expect(run.status).toBe(0);
    expect(run.lines.map((line) => line.domain)).toEqual(['example.com', 'example.org']);
  });

  test('without inputs it prints its usage and exits 64', async () => {
    const run = await takedown(['normalize']);
    expect(run.status).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('usage: takedown normalize');
  });
});

describe('takedown', () => {
  test('an unknown command prints the usage and exits 64', async () => {
    const run = await takedown(['frobnicate']);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('normalize');
  });

  test('no command prints the usage and exits 64', async () => {
    const run = await takedown([]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('usage: takedown <command>');
  });

  test('help prints the usage and exits 0', async () => {
    const run = await takedown(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: takedown <command>');
  });
});

test('a reader that stops early (`takedown normalize - | head -1`) ends the command quietly, not with an EPIPE stack', async () => {
  const inputs = Array.from({ length: 20_000 }, (_, i) => `shop-${i}.com`).join('\n');
  const result = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'normalize', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy()); // like `head -1`: read a little, then close the pipe
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
    child.stdin.end(inputs);
  });
  expect(result.stderr).not.toContain('EPIPE');
  expect(result.status).toBe(0);
});
