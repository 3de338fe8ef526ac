import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle } from '@temporalio/client';

export const historiesDir = path.resolve(__dirname, '..', 'replay', 'histories');

/**
 * Stores a finished workflow's history for the replay tests when TAKEDOWN_RECORD_HISTORIES=1
 * (`npm run record-histories`). Histories are JSON from `historyToJSON`, which is what replay reads.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.TAKEDOWN_RECORD_HISTORIES !== '1') return;
  fs.mkdirSync(historiesDir, { recursive: true });
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), historyToJSON(await handle.fetchHistory()));
}
