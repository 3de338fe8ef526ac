import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The manifest of stored histories (test/replay/history-manifest.json): for each file, the workflow type it
 * is a history of, its SHA-256, and the commit (and `git describe` of it) whose code recorded it. It is
 * appended to, never rewritten: `npm run history-manifest` adds the new files; the replay tests fail when a
 * stored file no longer matches its checksum, is missing, or is not listed.
 */
export interface ManifestEntry {
  file: string;
  workflowType: string;
  sha256: string;
  /** The commit whose workflow code the history was recorded with, and its `git describe --tags --always`. */
  recordedAt: { commit: string; release: string };
}

export interface Manifest {
  about: string;
  histories: ManifestEntry[];
  /**
   * Histories moved out after their patch was deprecated (docs/VERSIONING.md, section 3): they took a path the
   * code no longer has. Only these may leave test/replay/histories.
   */
  retired?: (ManifestEntry & { reason: string })[];
}

export const replayDir = __dirname;
export const historiesDir = path.join(replayDir, 'histories');
export const manifestFile = path.join(replayDir, 'history-manifest.json');

export const storedHistoryFiles = () => fs.readdirSync(historiesDir).filter((file) => file.endsWith('.json')).sort();

export const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(path.join(historiesDir, file))).digest('hex');

/** The workflow type a stored history is of: the name in its first event (WorkflowExecutionStarted). */
export function workflowTypeOf(file: string): string {
  const history = JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')) as { events?: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[] };
  const name = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
  if (!name) throw new Error(`${file} does not start with WorkflowExecutionStarted: not a workflow history`);
  return name;
}

export function readManifest(): Manifest {
  if (!fs.existsSync(manifestFile)) return { about: '', histories: [] };
  return JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
}
