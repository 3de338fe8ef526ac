import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a tip form stays valid after the page was served. */
export const formTokenTtlSeconds = 2 * 3600;

/**
 * The tip form's anti-forgery token. The form is public and anonymous (no session, no cookies), so the
 * token is stateless: the time the page was served and an HMAC of it bound to the seized domain. Another
 * site cannot read our page, so it cannot post a tip through a visitor's browser; with the Origin check
 * that is CSRF-safe enough for a public form, and a token expires after two hours.
 */
export function createFormTokens(secret: string, now: () => number = Date.now) {
  const key = createHmac('sha256', secret).update('banner-form-token').digest();
  const mac = (domain: string, issued: number) => createHmac('sha256', key).update(`${domain}|${issued}`).digest('base64url');
  return {
    issue(domain: string): string {
      const issued = Math.floor(now() / 1000);
      return `${issued}.${mac(domain, issued)}`;
    },
    valid(domain: string, token: unknown): boolean {
      if (typeof token !== 'string') return false;
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return false;
      const issued = Number(match[1]);
      const age = Math.floor(now() / 1000) - issued;
      if (age < -60 || age > formTokenTtlSeconds) return false;
      const expected = Buffer.from(mac(domain, issued));
      const given = Buffer.from(match[2]!);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
export type FormTokens = ReturnType<typeof createFormTokens>;
