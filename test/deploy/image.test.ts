import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { healthEndpoints, ourProcesses } from '../../deploy/topology';
import { freePort } from '../../scripts/temporal-server';
import { readRepoFile, root } from './compose-file';

// The Dockerfile, read as text (no Docker engine here): what each stage does, and that the runtime stage, which
// has only the production dependencies, has every package our processes import.
const dockerfile = readRepoFile('Dockerfile');

/** The Dockerfile's stages: the FROM line's image and name, and the instructions under it. */
function stages(text: string): { image: string; name?: string; lines: string[] }[] {
  const result: { image: string; name?: string; lines: string[] }[] = [];
  for (const line of text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ image: from[1]!, name: from[2], lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

function dockerfileProblems(text: string): string[] {
  const all = stages(text);
  const [build, runtime] = [all[0], all.at(-1)];
  if (!build || !runtime || all.length < 2) return ['one stage: dependencies must be installed in a build stage and copied to a slim runtime stage'];
  const problems: string[] = [];
  if (!build.lines.some((l) => /^RUN .*npm ci .*--omit=dev/.test(l))) problems.push('the build stage does not run `npm ci --omit=dev`');
  if (!/-slim$/.test(runtime.image)) problems.push(`the runtime stage is ${runtime.image}, not a slim image`);
  if (runtime.lines.some((l) => /^RUN .*\b(npm (ci|install)|apt-get install)\b/.test(l))) problems.push('the runtime stage installs packages: it takes them from the build stage');
  if (!runtime.lines.some((l) => new RegExp(`^COPY --from=${build.name} `).test(l))) problems.push('the runtime stage does not copy the build stage\'s result');
  const user = runtime.lines.filter((l) => /^USER /.test(l)).at(-1)?.split(/\s+/)[1];
  if (!user || user === 'root' || user.split(':')[0] === '0') problems.push(`the runtime stage runs as ${user ?? 'root'}: it needs a user of its own`);
  const cmd = runtime.lines.filter((l) => /^CMD /.test(l)).at(-1);
  const entries = Object.values(ourProcesses).map((p) => p.entry);
  if (!cmd || !entries.some((entry) => cmd === `CMD ["node", "--import", "tsx", "${entry}"]`)) problems.push(`the default command ${cmd ?? '(none)'} runs none of our processes`);
  return problems;
}

/** Packages imported (at run time, not `import type`) by the files under `dirs`. */
function runtimeImports(files: { file: string; text: string }[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of files) {
    const code = text.replace(/^\s*import type .*$/gm, '');
    for (const match of code.matchAll(/(?:\bfrom\s+|(?<!typeof )\bimport\s*\(\s*|\brequire\(\s*|^\s*import\s+)'([^'.][^']*)'/gm)) {
      const specifier = match[1]!;
      if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      if (!found.has(name)) found.set(name, file);
    }
  }
  return found;
}

const runtimeDirs = ['domain', 'workflows', 'activities', 'lib', 'worker', 'src', 'bin', 'deploy'];
const sourceFiles = (dir: string): string[] => fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
  const relative = path.join(dir, entry.name);
  if (entry.isDirectory()) return sourceFiles(relative);
  return /\.(ts|js|mjs)$/.test(entry.name) ? [relative] : [];
});

/**
 * What `npm ci --omit=dev` installs where our code finds it: the lockfile's top-level packages not marked dev (our
 * dependencies and what they bring, such as @temporalio/proto through @temporalio/client).
 */
function missingFromImage(files: { file: string; text: string }[]): string[] {
  const lock = JSON.parse(readRepoFile('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
  const installed = (name: string) => { const entry = lock.packages[`node_modules/${name}`]; return entry !== undefined && entry.dev !== true; };
  return [...runtimeImports(files)].filter(([name]) => !installed(name)).map(([name, file]) => `${file} imports ${name}, which "npm ci --omit=dev" does not install: the image lacks it`);
}

test('the Dockerfile builds in one stage and runs, as a user of its own, from a slim one', () => {
  expect(dockerfileProblems(dockerfile)).toEqual([]);
  expect(dockerfileProblems(dockerfile.replace(/^USER takedown$/m, 'USER root'))).toEqual(['the runtime stage runs as root: it needs a user of its own']);
  expect(dockerfileProblems(dockerfile.replace('npm ci --omit=dev', 'npm ci'))).toEqual(['the build stage does not run `npm ci --omit=dev`']);
  expect(dockerfileProblems(dockerfile.replace(/^CMD .*$/m, 'CMD ["npm", "start"]'))).toEqual(['the default command CMD ["npm", "start"] runs none of our processes']);
  expect(dockerfileProblems(dockerfile.replace(/^USER takedown$/m, 'RUN npm install typescript\nUSER takedown'))).toEqual(['the runtime stage installs packages: it takes them from the build stage']);
});

test('the image keeps secrets, state and development files out', () => {
  const ignored = readRepoFile('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*', '.data', 'node_modules', '.git', 'test']));
});

test('every package our processes import is one `npm ci --omit=dev` installs, so the image has it', () => {
  const files = runtimeDirs.flatMap(sourceFiles).map((file) => ({ file, text: readRepoFile(file) }));
  expect(files.length).toBeGreaterThan(100);
  expect(runtimeImports(files).has('@temporalio/worker')).toBe(true);
  expect(missingFromImage(files)).toEqual([]);
  expect(missingFromImage([{ file: 'src/example.ts', text: "import { chromium } from 'playwright-core';\nimport type { Config } from 'jest';\n" }]))
    .toEqual(['src/example.ts imports playwright-core, which "npm ci --omit=dev" does not install: the image lacks it']);
});

describe('deploy/healthcheck.mjs, the containers\' health check', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = http.createServer((req, res) => {
      res.statusCode = req.url === healthEndpoints.api.ready ? 200 : 503;
      res.end(req.url === healthEndpoints.api.ready ? '{"ok":true}' : '{"temporal":"unreachable"}');
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Asynchronously: the server answering lives in this process.
  const check = (url: string) => new Promise<{ status: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, [path.join(root, 'deploy', 'healthcheck.mjs'), url], { encoding: 'utf8', timeout: 10_000 }, (error, _stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }));
  });

  test('passes on 2xx, fails on anything else or no answer, saying why', async () => {
    expect((await check(`http://127.0.0.1:${port}${healthEndpoints.api.ready}`)).status).toBe(0);
    const down = await check(`http://127.0.0.1:${port}/elsewhere`);
    expect(down.status).toBe(1);
    expect(down.stderr).toContain('HTTP 503 {"temporal":"unreachable"}');
    const closed = await freePort();
    const refused = await check(`http://127.0.0.1:${closed}/readyz`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('ECONNREFUSED');
  });
});
