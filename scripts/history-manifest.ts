/**
 * `npm run history-manifest`: adds every stored history that is not in test/replay/history-manifest.json yet,
 * with its workflow type, SHA-256 and the commit that recorded it (the last commit that touched the file, or
 * HEAD for one not committed yet: record on a clean checkout of the code you mean). Existing entries are never
 * changed; a stored history whose checksum no longer matches stops the script (stored histories are never
 * overwritten: docs/VERSIONING.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { historiesDir, manifestFile, readManifest, sha256Of, storedHistoryFiles, workflowTypeOf, type ManifestEntry } from '../test/replay/history-manifest';

const git = (...args: string[]) => execFileSync('git', args, { cwd: path.dirname(manifestFile), encoding: 'utf8' }).trim();

const manifest = readManifest();
const listed = new Map(manifest.histories.map((entry) => [entry.file, entry]));
const problems: string[] = [];
for (const entry of manifest.histories) {
  if (!fs.existsSync(path.join(historiesDir, entry.file))) problems.push(`${entry.file} is listed but gone: restore it (git checkout -- test/replay/histories/${entry.file})`);
  else if (sha256Of(entry.file) !== entry.sha256) problems.push(`${entry.file} changed since it was stored: restore it and record the new history under a new name`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const added: ManifestEntry[] = [];
for (const file of storedHistoryFiles()) {
  if (listed.has(file)) continue;
  const commit = git('log', '-1', '--format=%H', '--', path.join(historiesDir, file)) || git('rev-parse', 'HEAD');
  added.push({ file, workflowType: workflowTypeOf(file), sha256: sha256Of(file), recordedAt: { commit, release: git('describe', '--tags', '--always', commit) } });
}
const about = 'Stored workflow histories: each recorded by the workflow code of its commit, replayed against today\'s code by test/replay/replay.test.ts. Appended by `npm run history-manifest`, never rewritten (docs/VERSIONING.md).';
fs.writeFileSync(manifestFile, `${JSON.stringify({ about, histories: [...manifest.histories, ...added] }, null, 2)}\n`);
console.log(added.length ? `added ${added.map((e) => `${e.file} (${e.workflowType}, ${e.recordedAt.release})`).join(', ')}` : 'every stored history is listed already');
