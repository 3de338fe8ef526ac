import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { recordHistory } from '../helpers/record-history';
import { historiesDir, readManifest, sha256Of, storedHistoryFiles, workflowTypeOf } from './history-manifest';

// Stored histories are what executions started by earlier releases look like; replay.test.ts runs each
// against today's code. They are added, never overwritten or deleted: each is listed in
// history-manifest.json with its checksum, and git's own history of the folder must show no change to one.

const manifest = readManifest();
const stored = storedHistoryFiles();

test('every stored history is in the manifest, unchanged (its SHA-256), and every listed one is still stored', () => {
  expect(manifest.histories.map((e) => e.file).sort()).toEqual(stored);
  const changed = manifest.histories.filter((entry) => stored.includes(entry.file) && sha256Of(entry.file) !== entry.sha256).map((e) => e.file);
  // A changed file: restore it (git checkout) and record the new history under a new name (docs/VERSIONING.md).
  expect(changed).toEqual([]);
  for (const entry of manifest.histories) expect(workflowTypeOf(entry.file)).toBe(entry.workflowType);
  expect(new Set(manifest.histories.map((e) => e.file)).size).toBe(manifest.histories.length);
});

test('every workflow type the worker hosts (workflows/index.ts) has at least one stored history', () => {
  // The entry defines each workflow as an enumerable getter on its exports; listing the names loads none.
  const hosted = Object.keys(require('../../workflows') as object).sort();
  expect(hosted.length).toBeGreaterThanOrEqual(9);
  const withHistory = new Set(manifest.histories.map((e) => e.workflowType));
  expect(hosted.filter((type) => !withHistory.has(type))).toEqual([]);
});

/** git, or undefined where there is none to ask (an exported tarball) or its history is cut short (a shallow clone). */
function gitLog(...args: string[]): string | undefined {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: __dirname, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: top, encoding: 'utf8' }).trim() === 'true') return undefined;
    return execFileSync('git', args, { cwd: top, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

test('git shows no stored history modified or deleted since the manifest began, committed or not', () => {
  const top = gitLog('rev-parse', '--show-toplevel');
  if (top === undefined) {
    // No git, or a shallow clone: the checksums above still hold every stored history to what it was.
    console.warn('git history unavailable (shallow clone?): only the checksums of history-manifest.json were checked');
    return;
  }
  const folder = path.relative(top, historiesDir);
  // Since the commit that added the manifest (histories re-recorded before it were the old practice); before
  // the manifest is committed, the working tree only.
  const since = gitLog('log', '--diff-filter=A', '--format=%H', '--', path.join(folder, '..', 'history-manifest.json'))?.split('\n').at(-1);
  // A history retired with its patch (listed under `retired`, with the reason) is the one file that may leave.
  const retired = new Set((manifest.retired ?? []).map((e) => e.file));
  const touched = (lines: string | undefined) => (lines ?? '').split('\n').filter(Boolean).filter((line) => !retired.has(path.basename(line.split(/\s+/)[1] ?? '')));
  // Along main's own line (a merge counts as its net change): a branch may re-record a history it added before it lands.
  if (since) expect(touched(gitLog('log', '--first-parent', '--diff-merges=first-parent', '--diff-filter=MDR', '--name-status', '--format=', `${since}..HEAD`, '--', folder))).toEqual([]);
  const uncommitted = touched(gitLog('status', '--porcelain', '--', folder)).filter((line) => /^( ?[MDR]|[MDR] )/.test(line));
  expect(uncommitted).toEqual([]);
});

test('the recorder refuses to overwrite a stored history', async () => {
  const saved = { record: process.env.TAKEDOWN_RECORD_HISTORIES, suffix: process.env.TAKEDOWN_HISTORY_SUFFIX };
  const before = fs.readFileSync(path.join(historiesDir, 'case.json'));
  const handle = { fetchHistory: async () => { throw new Error('must not be reached'); } } as never;
  try {
    process.env.TAKEDOWN_RECORD_HISTORIES = 'case';
    delete process.env.TAKEDOWN_HISTORY_SUFFIX;
    await expect(recordHistory('case', handle)).rejects.toThrow(/case\.json is stored already and stored histories are never overwritten: record the new one beside it with TAKEDOWN_HISTORY_SUFFIX/);
    process.env.TAKEDOWN_HISTORY_SUFFIX = 'Bad Name';
    await expect(recordHistory('case', handle)).rejects.toThrow(/TAKEDOWN_HISTORY_SUFFIX must be/);
  } finally {
    for (const [key, value] of [['TAKEDOWN_RECORD_HISTORIES', saved.record], ['TAKEDOWN_HISTORY_SUFFIX', saved.suffix]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  expect(fs.readFileSync(path.join(historiesDir, 'case.json')).equals(before)).toBe(true);
});
