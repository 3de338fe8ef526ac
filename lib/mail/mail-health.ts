/**
 * Whether our own side of mail works. A server that refuses our credentials or demands TLS (530, 535, …)
 * refuses every notice the same way: that is a broken configuration to fix once, not a failure of each
 * notice. While it is broken, notices wait (their activities retry) and only one attempt in each hold
 * period talks to the server, so a person is alerted once and the server is not hammered.
 */
export interface MailHealth {
  /** The server's answer while sending is held, else undefined. */
  held(): string | undefined;
  /** The server refused our configuration; true when this starts an outage (alert then, and only then). */
  broken(answer: string): boolean;
  /** A notice went through: the configuration works (again). */
  working(): void;
}

export function createMailHealth(options: { holdMs?: number; now?: () => number } = {}): MailHealth {
  const holdMs = options.holdMs ?? 60_000;
  const now = options.now ?? Date.now;
  let outage: { answer: string; heldUntil: number } | undefined;
  return {
    held: () => (outage && now() < outage.heldUntil ? outage.answer : undefined),
    broken(answer) {
      const starts = outage === undefined;
      outage = { answer, heldUntil: now() + holdMs };
      return starts;
    },
    working() {
      outage = undefined;
    },
  };
}
