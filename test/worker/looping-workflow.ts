/** A workflow whose first activation never ends: what a bug in workflow code (a loop that never exits) looks like to a worker. */
export async function loopingWorkflow(): Promise<void> {
  while (true) { /* never yields */ }
}
