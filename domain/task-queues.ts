/** The one task queue our workflows and activities run on. */
export const TASK_QUEUE = 'takedown';
