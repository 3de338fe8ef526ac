/**
 * The current time as an ISO string. Inside a workflow the Temporal sandbox replaces `Date` with the
 * workflow clock (the time of the current workflow task), so this is deterministic there and on replay.
 */
export function nowIso(): string {
  return new Date().toISOString();
}

/** The current time in milliseconds, on the workflow clock inside a workflow (see nowIso). */
export function nowMs(): number {
  return Date.parse(nowIso());
}
