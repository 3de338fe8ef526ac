/**
 * The current time as an ISO string. Inside a workflow the Temporal sandbox replaces `Date` with the
 * workflow clock (the time of the current workflow task), so this is deterministic there and on replay.
 */
export function nowIso(): string {
  // eslint-disable-next-line no-restricted-syntax -- the one place that reads the clock (the workflow clock in the sandbox)
  return new Date().toISOString();
}

/** The current time in milliseconds, on the workflow clock inside a workflow (see nowIso). */
export function nowMs(): number {
  return Date.parse(nowIso());
}
