import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findImportCircles } from '../../scripts/import-circles';

const root = path.resolve(__dirname, '../..');

test('no file of the project imports itself through others (scripts/import-circles.ts)', () => {
  // On failure the list names each circle, e.g. "src/cli/list.ts → src/cli/main.ts → src/cli/list.ts".
  expect(findImportCircles(root).map((circle) => circle.join(' → '))).toEqual([]);
});

describe('the checker', () => {
  let dir: string;
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-circles-'));
    write({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'commonjs', moduleResolution: 'node', strict: true },
        include: ['lib', 'app'],
      }),
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('finds circles through every kind of import, each told from its first file, and nothing else', () => {
    write({
      // A type-only edge closes this one: it counts (see the checker's header).
      'lib/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'lib/b.ts': "import type { Shape } from './c';\nexport const b = 1;\nexport type { Shape };\n",
      'lib/c.ts': "export * from './a';\nexport interface Shape { side: number }\n",
      // A lazy require() and a folder's index.
      'app/main.ts':
        "export const commands = { run: () => (require('./commands') as typeof import('./commands')).run };\nexport const exitCodes = { ok: 0 };\n",
      'app/commands/index.ts': "import { exitCodes } from '../main';\nexport const run = () => exitCodes.ok;\n",
      // A file importing itself, and files that only import downwards or from packages.
      'lib/self.ts': "import * as me from './self';\nexport const x = me;\n",
      'lib/leaf.ts': "import path from 'node:path';\nimport { a } from './a';\nexport const leaf = [path.sep, a];\n",
    });
    expect(findImportCircles(dir).map((circle) => circle.join(' → '))).toEqual([
      'app/commands/index.ts → app/main.ts → app/commands/index.ts',
      'lib/a.ts → lib/b.ts → lib/c.ts → lib/a.ts',
      'lib/self.ts → lib/self.ts',
    ]);
  });

  test('lists a circle through each file of a tangle, not only the first one found', () => {
    write({
      'lib/hub.ts': "import './x';\nimport './y';\nexport const hub = 1;\n",
      'lib/x.ts': "import './hub';\n",
      'lib/y.ts': "import './hub';\n",
    });
    expect(findImportCircles(dir).map((circle) => circle.join(' → '))).toEqual([
      'lib/hub.ts → lib/x.ts → lib/hub.ts',
      'lib/hub.ts → lib/y.ts → lib/hub.ts',
    ]);
  });

  test('a tree without circles gives none', () => {
    write({ 'lib/a.ts': "import { b } from './b';\nexport const a = b;\n", 'lib/b.ts': 'export const b = 1;\n' });
    expect(findImportCircles(dir)).toEqual([]);
  });
});
