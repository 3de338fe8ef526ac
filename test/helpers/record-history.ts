import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle } from '@temporalio/client';

export const historiesDir = path.resolve(__dirname, '..', 'replay', 'histories');

/**
 * Which histories a run records: `TAKEDOWN_RECORD_HISTORIES=1` every one the tests record, or a comma list of
 * names (`profile-watch,operation-progress`); unset, none.
 */
function recording(name: string): boolean {
  const wanted = process.env.TAKEDOWN_RECORD_HISTORIES;
  if (!wanted) return false;
  return wanted === '1' || wanted.split(',').map((n) => n.trim()).includes(name);
}

/**
 * Stores a workflow's history for the replay tests (`npm run record-histories`; see docs/VERSIONING.md).
 * Histories are JSON from `historyToJSON`, which is what replay reads. A stored history is never
 * overwritten: it is what executions started by an earlier release look like, and the replay test keeps
 * checking that today's code can still run them. `TAKEDOWN_HISTORY_SUFFIX=after-my-change` records
 * `<name>.after-my-change.json` beside the old ones; `npm run history-manifest` then adds it to the manifest.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (!recording(name)) return;
  const suffix = process.env.TAKEDOWN_HISTORY_SUFFIX;
  if (suffix !== undefined && !/^[a-z0-9][a-z0-9-]{0,60}$/.test(suffix)) throw new Error(`TAKEDOWN_HISTORY_SUFFIX must be lower-case letters, digits and dashes (e.g. after-my-change), got ${JSON.stringify(suffix)}`);
  const file = path.join(historiesDir, `${suffix ? `${name}.${suffix}` : name}.json`);
  if (fs.existsSync(file)) {
    throw new Error(`${path.relative(process.cwd(), file)} is stored already and stored histories are never overwritten: record the new one beside it with TAKEDOWN_HISTORY_SUFFIX=<what changed> (docs/VERSIONING.md)`);
  }
  fs.mkdirSync(historiesDir, { recursive: true });
  fs.writeFileSync(file, historyToJSON(await handle.fetchHistory()));
}
