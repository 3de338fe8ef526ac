import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import { actorSignatureText, type ActorSignature, type SignedMessage } from '../domain/signed-actor';

/**
 * The keys of the signed actor (domain/signed-actor.ts). The API holds TAKEDOWN_ACTOR_KEY, a secret from
 * which its Ed25519 key pair is derived; workers hold only public keys (TAKEDOWN_ACTOR_PUBLIC_KEYS), which
 * verify but cannot sign. Without TAKEDOWN_ACTOR_PUBLIC_KEYS a worker takes the public key of its own
 * TAKEDOWN_ACTOR_KEY, so `npm start` (both on the public development default) works with no configuration.
 */
export interface ActorSigningKey {
  publicKey: string;
  secretKey: Uint8Array;
}

/** The key pair of a TAKEDOWN_ACTOR_KEY secret: its SHA-256 is the Ed25519 seed, so any long random string will do. */
export function actorSigningKey(secret: string): ActorSigningKey {
  const pair = nacl.sign.keyPair.fromSeed(createHash('sha256').update(secret, 'utf8').digest());
  return { publicKey: Buffer.from(pair.publicKey).toString('base64'), secretKey: pair.secretKey };
}

/**
 * The public keys a worker accepts signatures from (base64, as configured). It takes the two settings by
 * shape, not as `Pick<Config, ...>`: src/config.ts imports isActorPublicKey from here to check them.
 */
export function actorPublicKeys(config: { TAKEDOWN_ACTOR_KEY: string; TAKEDOWN_ACTOR_PUBLIC_KEYS: string[] }): string[] {
  return config.TAKEDOWN_ACTOR_PUBLIC_KEYS.length ? config.TAKEDOWN_ACTOR_PUBLIC_KEYS : [actorSigningKey(config.TAKEDOWN_ACTOR_KEY).publicKey];
}

/** A configured public key is 32 bytes in base64 (what actorSigningKey(...).publicKey and scripts/actor-public-key.ts print). */
export const isActorPublicKey = (value: string): boolean => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, 'base64').length === 32;

/**
 * The message with the API's signature over it, for `action` on `workflowId`. The message is signed as the
 * workflow will read it (through JSON, as Temporal carries it), so what is signed is exactly what arrives.
 */
export function signActorMessage<T extends object>(key: ActorSigningKey, workflowId: string, action: string, message: T, now = new Date()): SignedMessage<T> {
  const { signature: _old, ...arrives } = JSON.parse(JSON.stringify(message)) as SignedMessage;
  const issuedAt = now.toISOString();
  const text = Buffer.from(actorSignatureText(workflowId, action, issuedAt, arrives), 'utf8');
  const signature: ActorSignature = { issuedAt, value: Buffer.from(nacl.sign.detached(text, key.secretKey)).toString('hex') };
  return { ...message, signature };
}
