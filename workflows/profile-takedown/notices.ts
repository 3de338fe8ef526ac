import type { NoticeRequest, WorkflowNoticeContext } from '../../domain/notice-contexts';
import { caseFacts, xarfSubject, type TargetCaseFacts } from '../../domain/notice-request';
import type { PreservationRecord, RemovalCheck } from '../../domain/profile-takedown';
import type { ProfileTarget } from '../../domain/targets/types';
import type { EvidenceRef } from '../../domain/xarf';
import { noticeIds } from '../../domain/notice-ids';

/**
 * The notices a profile takedown sends itself (the case sends the platform request): the preservation
 * letter, the agent's reminder before a preservation expires, the coordinator's alert when a removed
 * profile comes back. Pure builders, so the template tests render exactly what the workflows send.
 */
export const preservationStatute = '18 U.S.C. § 2703(f)';

const day = 86_400_000;
/** Whole days of a period as a letter states them (at least one: tests run the clock in seconds). */
export const daysOf = (ms: number) => Math.max(1, Math.round(ms / day));
export const dateOf = (iso: string) => iso.slice(0, 10);

/** Notice IDs under the case and the profile, so the ledger sends each once. */
export function profileNoticeId(caseId: string, target: Pick<ProfileTarget, 'platform' | 'handle'>, what: string): string {
  return noticeIds.profile(caseId, target.platform, target.handle, what);
}

export interface PreservationLetterInput {
  /** The workflow the letter's acknowledgement link answers to (the profile's, or its watch's). */
  workflowId: string;
  facts: TargetCaseFacts;
  platform: { name: string; legalEntity: string; email: string; notifiesUser: boolean };
  target: ProfileTarget;
  evidence: EvidenceRef[];
  periodMs: number;
  /** Until when the records are to be kept (ISO). */
  until: string;
  /** On the extension: the letter it renews. */
  extends?: { noticeId: string; sentAt: string };
  at: string;
}

/** The § 2703(f) letter (or its one extension) to an e-mail platform; it needs no warrant, so it names none. */
export function preservationRequest(input: PreservationLetterInput): NoticeRequest<'preservation-request'> {
  const { facts, target } = input;
  const key = `${target.platform}:${target.handle}`;
  const days = daysOf(input.periodMs);
  const context: WorkflowNoticeContext<'preservation-request'> = {
    case: caseFacts(facts),
    platform: { name: input.platform.name, legalEntity: input.platform.legalEntity },
    profiles: [{ handle: target.handle, url: target.url, permanentId: target.permanentId }],
    preservation: { statute: preservationStatute, days, until: dateOf(input.until), ...(input.extends ? { extends: { noticeId: input.extends.noticeId, sentOn: dateOf(input.extends.sentAt) } } : {}) },
    nonDisclosure: facts.nonDisclosure,
    notifiesUser: input.platform.notifiesUser,
  };
  return {
    workflowId: input.workflowId,
    noticeId: profileNoticeId(facts.caseId, target, input.extends ? 'preservation-extension-1' : 'preservation'),
    kind: 'preservation-request', template: 'preservation-request', to: [input.platform.email], context, covers: [key], createdAt: input.at,
    xarf: {
      action: 'profile_preservation', caseId: facts.caseId, subjects: [xarfSubject({ key, target, evidence: input.evidence })], sealed: false, nonDisclosure: facts.nonDisclosure,
      preservation: { requested: true, statute: preservationStatute, days },
    },
    // No `follows`: the extension may come from the watch workflow, whose Message-IDs differ; the letter cites the original.
  };
}

/** To the case agent (the case's contact) before a preservation expires: extend it, or have legal process ready. */
export function preservationReminder(input: { workflowId: string; facts: TargetCaseFacts; target: ProfileTarget; platformName: string; record: PreservationRecord; at: string }): NoticeRequest<'agent-update'> {
  const { facts, target, record } = input;
  const key = `${target.platform}:${target.handle}`;
  const canExtend = record.extensions.length === 0;
  const context: WorkflowNoticeContext<'agent-update'> = {
    case: { caseId: facts.caseId, title: facts.title },
    agent: { name: facts.contact.name },
    headline: `the preservation of ${key} at ${input.platformName} expires on ${dateOf(record.expiresAt)}: ${canExtend ? 'extend it once for another period' : 'it cannot be extended again; serve legal process for the records'}`,
    events: [
      { at: record.requestedAt, target: key, what: `preservation requested under ${record.statute} (${record.channel === 'email' ? `letter ${record.noticeId}` : `portal reference ${record.reference}`})` },
      ...record.extensions.map((e) => ({ at: e.at, target: key, what: `preservation extended to ${dateOf(e.expiresAt)} by ${e.by.name}` })),
      { at: record.expiresAt, target: key, what: `the preservation expires${canExtend ? ' unless extended' : ''}` },
    ],
    stages: [],
    casePath: `/cases/${encodeURIComponent(facts.caseId)}`,
  };
  return {
    workflowId: input.workflowId, noticeId: profileNoticeId(facts.caseId, target, `preservation-reminder-${dateOf(record.expiresAt)}`),
    kind: 'agent-update', template: 'agent-update', to: [facts.contact.email], context, covers: [key], createdAt: input.at,
  };
}

/** To the coordinator: a profile verified removed is back (sellers re-open profiles). */
export function profileReturnedAlert(input: { workflowId: string; caseId: string; caseTitle: string; target: ProfileTarget; removedAt: string; check: RemovalCheck; number: number; at: string }): NoticeRequest<'escalation'> {
  const { target, check } = input;
  const key = `${target.platform}:${target.handle}`;
  const context: WorkflowNoticeContext<'escalation'> = {
    case: { caseId: input.caseId, title: input.caseTitle },
    level: 'coordinator',
    reason: `the profile was verified removed on ${dateOf(input.removedAt)} but ${check.url} shows it again (${check.seen}); ask the platform to remove it again, or open a new takedown`,
    subject: `${key} is back online`,
    waitingSince: input.removedAt,
    details: [{ label: 'Profile', value: check.url }, { label: 'Seen', value: `${check.at}: ${check.seen}` }, { label: 'Page as seen (SHA-256)', value: check.bodySha256 ?? 'not kept' }],
    casePath: `/cases/${encodeURIComponent(input.caseId)}`,
  };
  return {
    workflowId: input.workflowId, noticeId: profileNoticeId(input.caseId, target, `returned-${input.number}`),
    kind: 'escalation', template: 'escalation', to: ['role:coordinator'], context, covers: [key], createdAt: input.at,
  };
}
