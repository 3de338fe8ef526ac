import type { Client } from '@temporalio/client';
import type { Actor, Role } from '../../domain/actors';
import { isMember, type CaseMembership } from '../../domain/membership';
import { membershipOf } from './membership';

/**
 * Who reads a sealed warrant's court, judge, docket and document: the members of its case (its team and its
 * assigned counsel, domain/membership.ts) and supervisors. Everyone else who may read the case (a coordinator)
 * sees `[sealed]` in their place.
 */
export const sealedReaderRoles: readonly Role[] = ['supervisor'];
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

/** Whether this person reads a case's sealed details: a supervisor, or a member of the case. */
export async function mayReadSealed(client: Client, actor: Actor, caseId: string, known?: CaseMembership): Promise<boolean> {
  if (sealedReaderRoles.includes(actor.role)) return true;
  // A case the engine no longer holds (deleted after its retention) has no members to show sealed facts to.
  return isMember(actor, known ?? (await membershipOf(client, caseId).catch(() => ({}))));
}

/** A status as this person may read it: sealed facts hidden unless they may read them. */
export async function asReadableBy<T>(client: Client, actor: Actor, caseId: string, status: T, sealed: readonly SealedFacts[], known?: CaseMembership): Promise<T> {
  if (sealed.length === 0 || (await mayReadSealed(client, actor, caseId, known))) return status;
  return redactSealed(status, sealed);
}
