/**
 * The signed actor: the API signs every human action it sends a workflow (an Update that carries an
 * `actor`) with its Ed25519 key, and the workflow's validator refuses one that is unsigned, signed by a key
 * the worker does not hold, signed for another workflow or action, altered after signing, or too old.
 * This module is the contract both sides share: what is signed, and how fresh a signature must be.
 * Signing is src/actor-keys.ts (the API's private key); verifying is workflows/shared/actor-signature.ts.
 */

/** Added to an Update's argument by the API; never read by a handler, and not part of what is signed. */
export interface ActorSignature {
  /** When the API signed (ISO time): a captured signature is refused once it is older than actorSignatureMaxAgeMs. */
  issuedAt: string;
  /** The Ed25519 signature of actorSignatureText(...), hex. */
  value: string;
}

/** An Update's argument as it travels: the message and the API's signature over it. */
export type SignedMessage<T extends object = object> = T & { signature?: ActorSignature };

/**
 * How long a signature stays good. Long enough for an Update that waits for a busy or restarting worker,
 * short enough that one read from a history (anyone with Temporal access can read histories) is soon useless.
 */
export const actorSignatureMaxAgeMs = 10 * 60_000;
/** Clock difference tolerated between the API's machine and the worker's (a signature "from the future"). */
export const actorSignatureMaxSkewMs = 60_000;

/** JSON with object keys sorted, so the API and the workflow write the same text for the same message. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * What the API signs and the workflow checks: the workflow ID and the action (the Update's name) it is for,
 * when it was signed, and the whole message (the actor and what they decided) without its signature, so
 * neither the person nor their decision can be changed, nor the signature moved to another workflow or action.
 */
export function actorSignatureText(workflowId: string, action: string, issuedAt: string, message: object): string {
  const { signature: _signature, ...unsigned } = message as SignedMessage;
  return ['takedown-signed-actor-v1', workflowId, action, issuedAt, canonicalJson(unsigned)].join('\n');
}
