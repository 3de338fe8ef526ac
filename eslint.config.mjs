// @ts-check
/**
 * `npm run lint` (and `npm test`, right after the type check): ESLint 9 with typescript-eslint 8, zero warnings.
 *
 * What it is for, in order:
 * 1. The workflow sandbox (workflows/ and domain/, below): workflow code replays from history, so it does no
 *    I/O, and its time and randomness come from Temporal. Until now only comments guarded that.
 * 2. Promises nobody waits for: a floating promise loses its error (in a workflow, an unhandled rejection
 *    fails the workflow task; in a server, it ends the process). Type-aware, so it sees every call that
 *    returns a promise. `void promise` says "left running on purpose": write why beside it.
 * 3. ESLint's and typescript-eslint's recommended rules that need no types (unused variables, unreachable
 *    code, ...), which the tree already met but for a few unused imports.
 *
 * Not the type-aware "recommendedTypeChecked" set: on this tree it reported 544 findings, 364 of them about
 * values typed `any` (JSON bodies, SQLite rows, Temporal memos checked by zod or by hand where they are used)
 * and 64 about redundant type assertions; none was a bug, and rewriting 500 lines would collide with the
 * other work on the tree. The type-aware rules kept are the ones whose findings are bugs: a promise nobody
 * awaits or catches, a promise where a callback's result is ignored, an await on what is not a promise.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));

// ---- The workflow sandbox ----

/**
 * Packages workflow code may use at run time: Temporal's workflow API and the pure libraries the contract is
 * built on. Everything else is refused, which covers every package of ours that does I/O (better-sqlite3,
 * nodemailer, smtp-server, mailparser, whoiser, fastify and @fastify/*, the Temporal client, worker, activity
 * and testing packages) and any added later. Add a package here only if it does no I/O and is deterministic.
 */
const sandboxPackages = ['@temporalio/workflow', '@temporalio/common', 'zod', 'tldts', 'tweetnacl'];
const builtins = builtinModules.filter((name) => !name.startsWith('_'));
const alternatives = (names) => names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');

/** Our top-level folders other than the sandbox's own (activities/, src/, worker/, ... and any added later). */
const outsideFolders = (sandbox) =>
  fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && !sandbox.includes(entry.name))
    .map((entry) => entry.name);

/**
 * The import rules of sandboxed code. Types may come from anywhere (`import type` vanishes at run time:
 * workflows type their activities as `import type { Activities } from '../activities'` and call them
 * through proxyActivities).
 */
const sandboxImports = (sandbox) => [
  'error',
  {
    patterns: [
      {
        regex: `^(node:.*|(${alternatives(builtins)})(/.*)?)$`,
        allowTypeImports: true,
        message:
          'Node built-ins do I/O or read the machine: workflow code (and the domain/ it imports) runs in the Temporal sandbox. Do it in an activity.',
      },
      {
        regex: `^(?![./])(?!node:)(?!(${alternatives(sandboxPackages)})(/|$))(?!(${alternatives(builtins)})(/|$))`,
        allowTypeImports: true,
        message: `workflow code (and the domain/ it imports) may use only the packages ${sandboxPackages.join(', ')} at run time; one that does I/O belongs in an activity (eslint.config.mjs lists why).`,
      },
      {
        regex: `^(\\./)?(\\.\\./)+(${alternatives(outsideFolders(sandbox))})(/|$)`,
        allowTypeImports: true,
        message: `this file may import at run time only from ${sandbox.map((folder) => `${folder}/`).join(' and ')}: activities only with \`import type\`, called through proxyActivities.`,
      },
    ],
  },
];

/**
 * The sandbox gives `Date` the workflow task's time and `Math.random` a seeded generator, so these would not
 * break a replay by themselves. They are refused so that time has one visible entry, domain/clock.ts, and
 * so that domain/ functions, which the API and tests also run outside the sandbox, never read the machine's
 * clock or randomness unnoticed.
 */
const sandboxClock = [
  'error',
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: '`new Date()` reads the clock: use nowIso() or nowMs() from domain/clock.ts (the workflow clock inside a workflow).',
  },
  { selector: "CallExpression[callee.name='Date']", message: '`Date()` reads the clock: use nowIso() from domain/clock.ts.' },
  // Lazy loading (workflows/index.ts) is the one use of require(): a workflow's file under its folder (./case/case).
  {
    selector: "CallExpression[callee.name='require']:not([arguments.0.value=/^\\.\\//])",
    message: 'workflow code requires only its own files (./family/name), lazily, as workflows/index.ts does.',
  },
  {
    selector: 'ImportExpression',
    message: 'no import() in workflow code: the bundle is CommonJS; require a workflow file lazily, as workflows/index.ts does.',
  },
];

const sandboxProperties = [
  'error',
  {
    object: 'Date',
    property: 'now',
    message: '`Date.now()` reads the clock: use nowMs() from domain/clock.ts (the workflow clock inside a workflow).',
  },
  {
    object: 'Math',
    property: 'random',
    message: '`Math.random()`: use uuid4() from @temporalio/workflow in a workflow; domain/ code takes what it needs as an argument.',
  },
];

export default defineConfig(
  // What we do not write: dependencies, state, build output (the .gitignore's), recorded histories,
  // benchmark results and the registries' fixtures.
  globalIgnores(['node_modules/', '.data/', 'coverage/', 'dist/', 'bench/results/', 'test/replay/histories/', 'test/fixtures/']),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    rules: {
      // A leading underscore names what is left out on purpose (`const { signature: _old, ...rest } = ...`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // The code is CommonJS (tsx, swc); require() is how it loads a module lazily (workflows/index.ts,
      // src/cli/main.ts) because tsx's CommonJS hook does not compile import().
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  // Workflow code replays from its history: no I/O, time and randomness only through Temporal. domain/ is the
  // contract that workflows import (all its files but domain/targets/index.ts are reached from workflows/,
  // and the design keeps all of domain/ "safe inside the workflow bundle"), so the same rules hold for all of
  // it; domain/clock.ts reads the clock in its one sanctioned place, with a comment saying why.
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': sandboxImports(['workflows', 'domain']),
      'no-restricted-syntax': sandboxClock,
      'no-restricted-properties': sandboxProperties,
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      // The contract sits below the workflows: it imports neither them nor anything outside domain/.
      '@typescript-eslint/no-restricted-imports': sandboxImports(['domain']),
      'no-restricted-syntax': sandboxClock,
      'no-restricted-properties': sandboxProperties,
    },
  },

  // Plain JavaScript: not in tsconfig.json, so no type-aware rules; the globals of where it runs.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['bin/*.js', '*.config.js', 'worker/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  {
    files: ['deploy/*.mjs', 'test/helpers/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
  {
    // The web pages' scripts (ES modules the browser loads from /assets).
    files: ['src/web/assets/*.js'],
    languageOptions: { sourceType: 'module', globals: browserGlobals() },
  },
);

/** The browser globals the page scripts use (ESLint's no-undef needs them named; no extra package for a list). */
function browserGlobals() {
  const names = `window document location history navigator console fetch FormData URL URLSearchParams setTimeout clearTimeout
    setInterval clearInterval HTMLElement Node Event CustomEvent FileReader Blob AbortController requestAnimationFrame
    sessionStorage localStorage confirm alert Intl TextDecoder TextEncoder XMLHttpRequest CSS`.split(/\s+/);
  return Object.fromEntries(names.map((name) => [name, 'readonly']));
}
