import type { Client } from '@temporalio/client';
import type { Actor, Role } from '../../domain/actors';
import { caseStatusQuery } from '../../domain/messages';
import { caseHandle } from './cases/handles';

/**
 * Who reads a sealed warrant's court, judge, docket and document: counsel and supervisors, and the case's
 * own authors (who opened or amended it). Everyone else sees `[sealed]` in their place. Case membership
 * (issue 13, item 3) should take this rule over: members read, others do not.
 */
export const sealedReaderRoles: readonly Role[] = ['counsel', 'supervisor'];
export const sealedMark = '[sealed]';

export interface SealedFacts { court?: string; judge?: string; docket?: string; documentRef?: string }

/**
 * `value` with every sealed fact replaced by the mark in every string it holds: the warrant itself, and
 * the timeline lines and notice subjects that quote its docket or court.
 */
export function redactSealed<T>(value: T, sealed: readonly SealedFacts[]): T {
  const secrets = [...new Set(sealed.flatMap((w) => [w.docket, w.judge, w.court, w.documentRef]))]
    .filter((s): s is string => typeof s === 'string' && s.length >= 3)
    .sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return secrets.reduce((text, secret) => text.split(secret).join(sealedMark), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Whether this person reads a case's sealed details: by role, or as one of the case's authors. */
export async function mayReadSealed(client: Client, actor: Actor, caseId: string, authors?: readonly string[]): Promise<boolean> {
  if (sealedReaderRoles.includes(actor.role)) return true;
  const known = authors ?? (await caseHandle(client, caseId).query(caseStatusQuery).catch(() => undefined))?.authors ?? [];
  return known.includes(actor.id);
}

/** A status as this person may read it: sealed facts hidden unless they may read them. */
export async function asReadableBy<T>(client: Client, actor: Actor, caseId: string, status: T, sealed: readonly SealedFacts[], authors?: readonly string[]): Promise<T> {
  if (sealed.length === 0 || (await mayReadSealed(client, actor, caseId, authors))) return status;
  return redactSealed(status, sealed);
}
