// A workflow for the Worker Versioning test (test/replay/worker-versioning.test.ts): nothing but a wait and an answer.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const proceed = defineSignal('proceed');

export async function versionedWorkflow(): Promise<string> {
  let go = false;
  setHandler(proceed, () => { go = true; });
  await condition(() => go);
  return 'done';
}
