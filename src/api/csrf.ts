import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TakedownError } from '../../domain/errors';

/**
 * CSRF tokens. A signed-in page gets a token bound to its session (an HMAC of the session token), sent
 * back in the `x-csrf-token` header or a `_csrf` form field. Forms shown before sign-in (the sign-in
 * page, acknowledgement links) use a double-submit nonce: an HttpOnly cookie and the HMAC of it in the form.
 */
export function createCsrf(secret: string) {
  const mac = (purpose: string, value: string) => createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');
  const same = (a: string | undefined, b: string) => a !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const sessionToken = (session: string) => mac('session', createHash('sha256').update(session).digest('hex'));

  return {
    forSession: sessionToken,
    checkSession(session: string, given: string | undefined): void {
      if (!same(given, sessionToken(session))) throw new TakedownError('CSRF_INVALID');
    },
    /** A fresh nonce for the form cookie and the matching value for the form field. */
    newFormNonce(): { nonce: string; field: string } {
      const nonce = randomBytes(18).toString('base64url');
      return { nonce, field: mac('form', nonce) };
    },
    fieldForNonce: (nonce: string) => mac('form', nonce),
    checkForm(nonce: string | undefined, given: string | undefined): void {
      if (!nonce || !same(given, mac('form', nonce))) throw new TakedownError('CSRF_INVALID');
    },
  };
}

export type Csrf = ReturnType<typeof createCsrf>;
