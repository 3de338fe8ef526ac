/**
 * What a strict payload codec (production: src/temporal/payload-codec.ts) hands the workflow in place of a
 * payload it would not accept: one that arrived unencrypted, or encrypted with no key of ours, or altered.
 * Every payload our processes write is encrypted, so such a payload was sent by someone who reached Temporal
 * (its CLI, its Web UI) without our keys. It arrives as this value instead of what the sender wrote, so it can
 * move nothing; workflows/shared/refused-payloads.ts drops a signal that carries one and logs it.
 *
 * `original` is what an unencrypted JSON payload held: the signal handlers of executions that accepted such a
 * message before the refusal existed get it back on replay (patch 'refuse-unreadable-signals').
 */
export const refusedPayloadField = 'takedownRefusedPayload';

export interface RefusedPayload {
  /** Why: "unencrypted", "encrypted with key "x", which this deployment does not hold", "altered". */
  [refusedPayloadField]: string;
  original?: unknown;
}

export const isRefusedPayload = (value: unknown): value is RefusedPayload =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[refusedPayloadField] === 'string';
