import { workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import nacl from 'tweetnacl';
import { nowMs } from '../../domain/clock';
import { TakedownError } from '../../domain/errors';
import { actorSignatureMaxAgeMs, actorSignatureMaxSkewMs, actorSignatureText, type SignedMessage } from '../../domain/signed-actor';
import { refuseOnError } from './refuse';

/**
 * The API's public keys (Ed25519, hex), written into the workflow bundle by the worker that bundles it
 * (worker/workflow-bundle.ts, from TAKEDOWN_ACTOR_PUBLIC_KEYS): a list, so a new key can be added before the
 * API signs with it and the old one removed later. A bundle made without them accepts no signed action.
 * Only validators read them, and validators do not run on replay, so a worker with other keys replays
 * every history the same.
 */
declare const __TAKEDOWN_ACTOR_PUBLIC_KEYS__: string[] | undefined;
const publicKeys: Uint8Array[] = (typeof __TAKEDOWN_ACTOR_PUBLIC_KEYS__ === 'undefined' ? [] : __TAKEDOWN_ACTOR_PUBLIC_KEYS__).map(fromHex);

/**
 * Refuses (ACTOR_SIGNATURE_INVALID) an action the API did not sign for this workflow and this action, in
 * the last actorSignatureMaxAgeMs: so a person who can reach Temporal, but does not hold the API's key,
 * cannot act as anyone (approve a case as counsel, say) by sending an Update straight to a workflow.
 */
export function checkActorSignature(action: string, message: SignedMessage, workflowId: string, nowMs: number): void {
  const signature = message?.signature;
  if (!signature || typeof signature.issuedAt !== 'string' || typeof signature.value !== 'string') {
    throw new TakedownError('ACTOR_SIGNATURE_INVALID', `${action} carries no signature of the API; send it through the API, which signs who acts`);
  }
  const issuedMs = Date.parse(signature.issuedAt);
  if (!Number.isFinite(issuedMs) || issuedMs > nowMs + actorSignatureMaxSkewMs || nowMs - issuedMs > actorSignatureMaxAgeMs) {
    throw new TakedownError('ACTOR_SIGNATURE_INVALID', `${action} was signed at ${signature.issuedAt}; a signature is good for ${actorSignatureMaxAgeMs / 60_000} minutes from when the API signed it`);
  }
  // Copied into this realm's Uint8Array: the sandbox's TextEncoder is Node's, whose arrays tweetnacl does not take.
  const text = new Uint8Array(new TextEncoder().encode(actorSignatureText(workflowId, action, signature.issuedAt, message)));
  const value = /^[0-9a-f]{128}$/i.test(signature.value) ? fromHex(signature.value) : undefined;
  if (!value || !publicKeys.some((key) => nacl.sign.detached.verify(text, value, key))) {
    throw new TakedownError('ACTOR_SIGNATURE_INVALID', `${action}'s signature is not one of the API's keys over this action, this workflow and this message`);
  }
}

/**
 * An Update validator that first refuses an unsigned or wrongly signed action (the catalogue code as an
 * ApplicationFailure, like every refusal), then runs the workflow's own checks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the argument's type matters here
export function signedOnly<A extends object>(update: UpdateDefinition<any, [A], any>, validator: (input: A) => void): (input: A) => void {
  return (input) => {
    refuseOnError(() => checkActorSignature(update.name, input, workflowInfo().workflowId, nowMs()));
    validator(input);
  };
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
