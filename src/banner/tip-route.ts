import type { FastifyRequest } from 'fastify';
import type { AllowListEntry } from '../../lib/banner-allow-list';
import type { FormTokens } from './form-token';
import type { TipStore } from './tips';

export interface TipLimits {
  /** Longest message accepted, in characters. */
  messageChars: number;
  /** Largest form body accepted, in bytes (beyond it fastify answers 413 before parsing). */
  bodyBytes: number;
  /** Tips per client address per hour. */
  perHour: number;
}

export interface TipOutcome {
  status: number;
  retryAfterSeconds?: number;
  page: { heading: string; message: string; reference?: string };
}

const fieldChars = 200;
const hourMs = 3_600_000;

/**
 * One tip from the public: same-origin and a valid form token (CSRF), then the per-address rate limit,
 * then the fields (message required and size-limited, name and contact optional). Stored as a lead with
 * the domain, the case, the time and a keyed hash of the client address.
 */
export function handleTip(deps: { tips: TipStore; formTokens: FormTokens; hashClient: (address: string) => string; limits: TipLimits }, entry: AllowListEntry, request: FastifyRequest, now: Date): TipOutcome {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const origin = request.headers.origin;
  if ((origin !== undefined && originHost(origin) !== request.hostname.toLowerCase()) || !deps.formTokens.valid(entry.domain, body.token)) {
    return { status: 403, page: { heading: 'Please send your tip again', message: 'This form has expired or did not come from this page. Reload the page and send your tip again.' } };
  }
  const clientHash = deps.hashClient(request.ip);
  const recent = deps.tips.recentFrom(clientHash, new Date(now.getTime() - hourMs).toISOString());
  if (recent.length >= deps.limits.perHour) {
    const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(recent[0]!) + hourMs - now.getTime()) / 1000));
    return { status: 429, retryAfterSeconds, page: { heading: 'Too many tips from your connection', message: `We have received ${recent.length} tips from your connection in the last hour. Please try again later.` } };
  }
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const message = text(body.message);
  const name = text(body.name);
  const contact = text(body.contact);
  if (!message) return { status: 400, page: { heading: 'Your tip is empty', message: 'Please write what you know before sending.' } };
  if (message.length > deps.limits.messageChars || name.length > fieldChars || contact.length > fieldChars) {
    return { status: 413, page: { heading: 'Your tip is too long', message: `Please keep a tip under ${deps.limits.messageChars} characters, and your name and contact under ${fieldChars}.` } };
  }
  const tipId = deps.tips.add({ domain: entry.domain, caseRef: entry.caseRef, receivedAt: now.toISOString(), message, name: name || undefined, contact: contact || undefined, clientHash });
  return { status: 200, page: { heading: 'Thank you', message: 'Your tip has been received by the IPR Center. If you left contact details, an investigator may contact you.', reference: `TIP-${tipId}` } };
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return undefined; // "null" (a sandboxed or file: page) or garbage: not our page
  }
}
