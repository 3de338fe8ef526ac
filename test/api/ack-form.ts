import type { CallResult } from './http';

/** The acknowledgement link in a notice e-mail, as the path the API serves (`/ack/<token>`). */
export function ackPathIn(text: string): string {
  const match = /https?:\/\/[^\s/]+(\/ack\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no acknowledgement link in:\n${text}`);
  return match[1]!;
}

/** What a browser would send back from the acknowledgement page: its form cookie and CSRF field. */
export function formState(page: CallResult): { cookie: string; csrf: string } {
  const cookie = page.setCookies.map((c) => c.split(';')[0]!).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no CSRF field on the page');
  return { cookie, csrf };
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
