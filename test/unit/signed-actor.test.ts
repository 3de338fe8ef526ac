import nacl from 'tweetnacl';
import { actorSignatureText, canonicalJson } from '../../domain/signed-actor';
import { actorPublicKeys, actorSigningKey, signActorMessage } from '../../src/actor-keys';
import { loadConfig } from '../../src/config';
import { checkActorSignature } from '../../workflows/shared/actor-signature';

// The contract between the API, which signs, and the workflow, which checks (domain/signed-actor.ts).
const key = actorSigningKey('a-test-actor-key-0123456789abcdef-0123');
const counsel = { id: 'okafor', name: 'AUSA Grace Okafor', role: 'counsel' as const };

test('the signed text does not depend on key order or on fields JSON drops, so the API and the workflow write the same', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: undefined } })).toBe(canonicalJson({ a: { d: [1, 'x', null] }, b: 1 }));
  expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
});

test('the API signs the workflow ID, the action, the time and the whole message, as Temporal will carry it', () => {
  const at = new Date('2026-12-01T12:00:00.000Z');
  const message = { actor: counsel, decision: { decision: 'approve', packageVersion: 1, at: new Date('2026-11-30T00:00:00Z') } };
  const signed = signActorMessage(key, 'case:X:review:1', 'decideLegalReview', message, at);
  expect(signed.signature).toEqual({ issuedAt: at.toISOString(), value: expect.stringMatching(/^[0-9a-f]{128}$/) });
  // What the workflow reads: the message through JSON (the Date becomes its ISO string).
  const arrives = JSON.parse(JSON.stringify(signed));
  const text = (workflowId: string, action: string, body: object) => Buffer.from(actorSignatureText(workflowId, action, arrives.signature.issuedAt, body));
  const verify = (bytes: Buffer) => nacl.sign.detached.verify(bytes, Buffer.from(arrives.signature.value, 'hex'), Buffer.from(key.publicKey, 'base64'));
  expect(verify(text('case:X:review:1', 'decideLegalReview', arrives))).toBe(true);
  expect(verify(text('case:X:review:2', 'decideLegalReview', arrives))).toBe(false);
  expect(verify(text('case:X:review:1', 'recordWarrant', arrives))).toBe(false);
  expect(verify(text('case:X:review:1', 'decideLegalReview', { ...arrives, actor: { ...counsel, role: 'supervisor' } }))).toBe(false);
});

test('a workflow bundle made without the API\'s public keys takes no signature at all', () => {
  const signed = signActorMessage(key, 'case:X:review:1', 'decideLegalReview', { actor: counsel });
  expect(() => checkActorSignature('decideLegalReview', JSON.parse(JSON.stringify(signed)), 'case:X:review:1', Date.now())).toThrow(/not one of the API's keys/);
});

test('a worker without TAKEDOWN_ACTOR_PUBLIC_KEYS takes its own TAKEDOWN_ACTOR_KEY\'s public key; with it, the list', () => {
  expect(actorPublicKeys(loadConfig({ TAKEDOWN_ACTOR_KEY: 'a-test-actor-key-0123456789abcdef-0123' }))).toEqual([key.publicKey]);
  const other = actorSigningKey('another-key-0123456789abcdef').publicKey;
  expect(actorPublicKeys(loadConfig({ TAKEDOWN_ACTOR_PUBLIC_KEYS: ` ${other} , ${key.publicKey}` }))).toEqual([other, key.publicKey]);
});
