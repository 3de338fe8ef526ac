import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** The provider's ES256 signing key, and its public half as published in the JWKS. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Loads the signing key from `file`, or generates one and keeps it there (mode 0600), so tokens stay
 * valid across restarts of `npm start` and a fresh data directory gets a fresh key.
 */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { kid: string; privateJwk: JWK };
    return fromPrivateJwk(stored.kid, stored.privateJwk);
  }
  const key = await generateSigningKey();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const privateJwk = await exportJWK(key.privateKey);
  fs.writeFileSync(file, JSON.stringify({ kid: key.kid, privateJwk }), { mode: 0o600 });
  return key;
}

/** A new key that lives only in memory (tests). */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } };
}

async function fromPrivateJwk(kid: string, privateJwk: JWK): Promise<SigningKey> {
  const privateKey = (await importJWK({ ...privateJwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
  const { d: _private, ...publicJwk } = privateJwk;
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } };
}
