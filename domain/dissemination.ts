import { defineQuery, defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import type { Role } from './actors';
import type { NoticeRequest } from './notice-contexts';
import type { Duration } from './duration';
import { workflowIds } from './ids';
import type { NoticeSummary } from './notice-records';

/**
 * Dissemination (issue 16, item 3): a lead, or a case's findings, passed to another field office, agency or
 * partner. One notice with a signed link where the recipient records what came of it; a reminder if nothing is
 * recorded within the follow-up period (30 days by default). One small workflow per dissemination
 * (workflows/dissemination.ts) holds the timer; the record people list and the report counts is in takedown.db
 * (src/api/leads/disseminations.ts). This file is the contract both share.
 */

/** What a recipient may record, in the strategy's words ("actionable leads disseminated" and what came of them). */
export const disseminationOutcomes = ['investigation-opened', 'enforcement-action', 'litigation-filed', 'no-action'] as const;
export type DisseminationOutcome = (typeof disseminationOutcomes)[number];
export const outcomeLabels: Record<DisseminationOutcome, string> = {
  'investigation-opened': 'Opened an investigation',
  'enforcement-action': 'Took enforcement action',
  'litigation-filed': 'Filed litigation (civil or criminal)',
  'no-action': 'No action',
};

/** Who a dissemination goes to. */
export const recipientKinds = ['field-office', 'agency', 'partner'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

/** Who may disseminate: those who work leads (agents and coordinators, supervisors too), each only what they may read. */
export const disseminatorRoles: readonly Role[] = ['agent', 'coordinator', 'supervisor'];

const text = (what: string, max: number) => z.string().trim().min(1, what).max(max);

/** The body of a dissemination request: to whom, and what we want them to know. */
export const disseminateBodySchema = z.object({
  recipient: z.object({
    kind: z.enum(recipientKinds, { error: `one of ${recipientKinds.join(', ')}` }),
    organisation: text('name the field office, agency or partner organisation', 200),
    name: text('name the person or desk it goes to', 200),
    email: z.email({ error: 'one e-mail address the notice goes to' }).max(254),
  }),
  note: z.string().trim().min(3, 'say in a few words why it is passed on and what you ask of them').max(2000),
});
export type DisseminateBody = z.output<typeof disseminateBodySchema>;

/** The outcome as a recipient records it through the link. */
export interface RecordedOutcome {
  noticeId: string;
  outcome: DisseminationOutcome;
  by: { name: string; email?: string };
  reference?: string;
  comment?: string;
}

/** One dissemination's workflow input: the notice, composed by the API, and how long to wait before the reminder. */
export interface DisseminationInput {
  disseminationId: string;
  /** The lead or case the findings come from (the link page names it). */
  subjectId: string;
  request: NoticeRequest<'dissemination'>;
  /** A duration (`30d`, or seconds in tests): the reminder goes if no outcome is recorded by then. */
  followUpAfter: Duration;
}

export interface DisseminationStatus {
  /** The lead or case the notice is about: the acknowledgement page names it as its "case". */
  caseId: string;
  disseminationId: string;
  notices: NoticeSummary[];
  outcome?: RecordedOutcome & { at: string };
  reminderSentAt?: string;
  /** How it ended: an outcome recorded, nothing recorded after the reminder either, or the notice could not be sent. */
  ended?: 'outcome' | 'unanswered' | 'undeliverable';
  failure?: string;
}

export const recordDisseminationOutcomeSignal = defineSignal<[RecordedOutcome]>('recordDisseminationOutcome');
export const disseminationStatusQuery = defineQuery<DisseminationStatus>('disseminationStatus');

export const disseminationIdOf = (n: number) => `DIS-${n}`;
export const disseminationNumber = (id: string): number | undefined => {
  const match = /^DIS-(\d{1,12})$/i.exec(id.trim());
  return match ? Number(match[1]) : undefined;
};
/** The workflow of one dissemination; its notice's link names it. */
export const disseminationWorkflowId = workflowIds.dissemination;
/** What every dissemination's workflow ID starts with. */
export const disseminationWorkflowPrefix = 'dissemination:';
