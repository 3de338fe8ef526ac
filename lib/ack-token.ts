import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link names: the case workflow and the notice, until when. */
export interface AckClaims {
  workflowId: string;
  noticeId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const encode = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HMAC-signed, expiring token for the link in a notice (the recipient needs no account). */
export function signAckToken(claims: AckClaims, secret: string): string {
  const payload = encode(JSON.stringify(claims));
  return `${payload}.${encode(createHmac('sha256', secret).update(payload).digest())}`;
}

export type AckTokenCheck = { ok: true; claims: AckClaims } | { ok: false; reason: 'forged' | 'expired' | 'malformed' };

export function verifyAckToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): AckTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let claims: AckClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AckClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || claims.exp < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
