import { z } from 'zod';
import type { NoticeKind } from './notice-records';
import { registryLockStatuses } from './registration';
import type { XarfRequest } from './xarf';

/**
 * What each notice template must be given. Rendering checks the context against its schema first:
 * a missing field is an error that names it, never an empty gap in a legal notice.
 */
const text = z.string().min(1);
const domainLine = z.object({ domain: text, unicode: text });
const contact = z.object({ name: text, email: z.email(), phone: z.string().optional() });
const warrantFacts = z.object({
  court: text,
  judge: text,
  docket: text,
  issuedOn: text,
  statutes: z.array(text).min(1),
  sealed: z.boolean(),
  /** Reference of the signed warrant served with a registry order. */
  documentRef: z.string().optional(),
});
const caseFacts = z.object({
  caseId: text,
  title: text,
  offence: text,
  statutes: z.array(text).min(1),
  contact,
  nonDisclosure: z.boolean(),
});
/** Internal notices name the case only; they go to our own people. */
const caseRef = z.object({ caseId: text, title: text });
/** Set on a re-notification: same content, stated as a reminder of the first notice. */
const reminder = z.object({ originalNoticeId: text, originalSentOn: text, number: z.number().int().positive() }).optional();
/** Added by the send activity (it holds the signing key), not by the workflow. */
const externalDelivery = z.object({ noticeId: text, ackUrl: z.url({ protocol: /^https?$/ }), sentOn: text });
const internalDelivery = z.object({ noticeId: text, sentOn: text, baseUrl: z.url({ protocol: /^https?$/ }) });
const detail = z.object({ label: text, value: text });
const lockStatuses = z.tuple([z.literal(registryLockStatuses[0]), z.literal(registryLockStatuses[1]), z.literal(registryLockStatuses[2])]);
/** A path in our web application, joined to the public URL by the send activity. */
const appPath = z.string().regex(/^\/[^\s]*$/, { error: 'a path starting with "/"' });

/** What a seizure at a registry states, served on it (registry order) or asked of a partner abroad (partner request). */
const seizureMeasures = {
  domains: z.array(domainLine.extend({ registrar: text, currentNameservers: z.array(text) })).min(1),
  warrant: warrantFacts.extend({ documentRef: text }),
  seizure: z.object({ nameservers: z.array(text).min(1), statuses: lockStatuses }),
};

export const noticeContexts = {
  /** Serves a seizure warrant on one registry: every domain of the warrant in its zones. */
  'registry-order': z.object({
    case: caseFacts,
    registry: z.object({ name: text, legalEntity: text }),
    ...seizureMeasures,
    executeWithinHours: z.number().int().positive(),
    reminder,
    delivery: externalDelivery,
  }),
  /**
   * To a partner agency abroad: asks it to have a registry outside US jurisdiction seize the domains (a US
   * warrant does not bind that registry). The partner confirms through the link once the registry acted.
   */
  'partner-request': z.object({
    case: caseFacts,
    partner: z.object({ name: text, legalEntity: text }),
    registry: z.object({ name: text, legalEntity: text, jurisdiction: text }),
    ...seizureMeasures,
    answerWithinHours: z.number().int().positive(),
    reminder,
    delivery: externalDelivery,
  }),
  /** RAA §3.18 law-enforcement notice to the registrar's abuse contact (unsealed warrant). */
  'registrar-notice': z.object({
    case: caseFacts,
    registrar: z.object({ name: text, ianaId: z.string().optional() }),
    domains: z.array(domainLine).min(1),
    warrant: warrantFacts,
    reviewWithinHours: z.number().int().positive(),
    reminder,
    delivery: externalDelivery,
  }),
  /** Under a sealed warrant the registrar gets a courtesy notice only: no court, judge or docket. */
  'registrar-courtesy': z.object({
    case: caseFacts,
    registrar: z.object({ name: text, ianaId: z.string().optional() }),
    registry: z.object({ name: text }),
    domains: z.array(domainLine).min(1),
    reviewWithinHours: z.number().int().positive(),
    reminder,
    delivery: externalDelivery,
  }),
  /** Profile takedown through the platform's law-enforcement channel, one per platform per warrant. */
  'platform-request': z.object({
    case: caseFacts,
    platform: z.object({ name: text, legalEntity: text }),
    profiles: z.array(z.object({ handle: text, url: z.url(), permanentId: z.string().optional() })).min(1),
    warrant: warrantFacts,
    preservation: z.object({ requested: z.boolean(), statute: text, days: z.number().int().positive() }),
    nonDisclosure: z.boolean(),
    respondWithinHours: z.number().int().positive(),
    reminder,
    delivery: externalDelivery,
  }),
  /**
   * Preservation under 18 U.S.C. § 2703(f), sent by the profile's own workflow before the takedown: it needs
   * no warrant, asks the platform to keep the account's records for a period (one extension allowed).
   */
  'preservation-request': z.object({
    case: caseFacts,
    platform: z.object({ name: text, legalEntity: text }),
    profiles: z.array(z.object({ handle: text, url: z.url(), permanentId: z.string().optional() })).min(1),
    preservation: z.object({
      statute: text,
      days: z.number().int().positive(),
      /** The date the records must be kept until (YYYY-MM-DD). */
      until: text,
      /** Set on the extension: the letter it renews. */
      extends: z.object({ noticeId: text, sentOn: text }).optional(),
    }),
    nonDisclosure: z.boolean(),
    notifiesUser: z.boolean(),
    reminder,
    delivery: externalDelivery,
  }),
  /** To a payment processor: end the merchant accounts that take the proceeds, keep the records. */
  'payment-notice': z.object({
    case: caseFacts,
    processor: z.object({ name: text, legalEntity: text }),
    merchants: z.array(z.object({ target: text, merchantId: z.string().optional(), descriptor: z.string().optional() })).min(1),
    warrant: warrantFacts,
    respondWithinHours: z.number().int().positive(),
    reminder,
    delivery: externalDelivery,
  }),
  /** Undoes a seizure at the registry (a withdrawn target, a dropped case, a domain returned). */
  'registry-release': z.object({
    case: caseFacts,
    registry: z.object({ name: text, legalEntity: text }),
    domains: z.array(domainLine.extend({ restoreNameservers: z.array(text) })).min(1),
    warrant: z.object({ court: text, docket: text, issuedOn: text }),
    originalOrderId: text,
    reason: text,
    authorizedBy: z.object({ name: text, role: text }),
    statusesToRemove: lockStatuses,
    reminder,
    delivery: externalDelivery,
  }),
  /** Next rung of the registrar ladder: the registry is told the registrar did not answer. */
  'registry-escalation': z.object({
    case: caseFacts,
    registry: z.object({ name: text, legalEntity: text }),
    registrar: z.object({ name: text, ianaId: z.string().optional() }),
    domains: z.array(domainLine).min(1),
    originalNotice: z.object({ noticeId: text, sentOn: text }),
    registryOrderId: z.string().optional(),
    reason: text,
    reminder,
    delivery: externalDelivery,
  }),
  /** To counsel (role mailbox): a review round is waiting for a decision. */
  /** Counsel's reminder that an approved case still waits for its seizure warrant. */
  'warrant-reminder': z.object({
    case: caseRef,
    approvedOn: text,
    dueBy: text,
    targets: z.array(text).min(1),
    reminderNumber: z.number().int().positive(),
    casePath: appPath,
    delivery: internalDelivery,
  }),
  'counsel-reminder': z.object({
    case: caseRef,
    round: z.number().int().positive(),
    packageVersion: z.number().int().positive(),
    waitingSince: text,
    dueBy: text,
    reminderNumber: z.number().int().positive(),
    reviewPath: appPath,
    delivery: internalDelivery,
  }),
  /** To a supervisor or the coordinator (role mailbox): a deadline passed or a notice could not be served. */
  'escalation': z.object({
    case: caseRef,
    level: z.enum(['supervisor', 'coordinator']),
    reason: text,
    subject: text,
    waitingSince: z.string().optional(),
    dueBy: z.string().optional(),
    details: z.array(detail),
    casePath: appPath,
    delivery: internalDelivery,
  }),
  /** To the case agent: where the case's targets stand and what happened since the last update. */
  'agent-update': z.object({
    case: caseRef,
    agent: z.object({ name: text }),
    headline: text,
    events: z.array(z.object({ at: text, what: text, target: z.string().optional() })),
    stages: z.array(z.object({ stage: text, total: z.number().int().nonnegative() })),
    casePath: appPath,
    delivery: internalDelivery,
  }),
  /**
   * A lead or a case's findings passed to another field office, agency or partner (domain/dissemination.ts):
   * what it is about, why, and a link where the recipient records what came of it.
   */
  'dissemination': z.object({
    case: caseRef,
    about: z.object({ kind: z.enum(['lead', 'case']), reference: text, summary: text }),
    recipient: z.object({ name: text, organisation: text }),
    sender: z.object({ name: text, team: z.string().optional() }),
    note: text,
    items: z.array(detail),
    outcomes: z.array(text).min(1),
    answerBy: text,
    reminder,
    delivery: externalDelivery,
  }),
} as const;

export type TemplateName = keyof typeof noticeContexts;
export const templateNames = Object.keys(noticeContexts) as TemplateName[];
export type NoticeContext<T extends TemplateName> = z.input<(typeof noticeContexts)[T]>;
/** What the workflow provides: everything but the delivery facts. */
export type WorkflowNoticeContext<T extends TemplateName> = Omit<NoticeContext<T>, 'delivery'>;

/** Notices to outside parties carry an acknowledgement link and a machine-readable (XARF) copy. */
export const externalTemplates = ['registry-order', 'partner-request', 'registrar-notice', 'registrar-courtesy', 'platform-request', 'payment-notice', 'registry-release', 'registry-escalation', 'preservation-request'] as const satisfies readonly TemplateName[];
export function isExternalTemplate(name: TemplateName): name is (typeof externalTemplates)[number] {
  return (externalTemplates as readonly string[]).includes(name);
}

/**
 * Notices whose recipient answers through a signed link: every external one, and a dissemination (it goes to
 * another office, agency or partner, who records the outcome; it is no abuse report, so it carries no XARF copy).
 */
export function hasAnswerLink(name: TemplateName): boolean {
  return isExternalTemplate(name) || name === 'dissemination';
}

/**
 * What a workflow asks the send activity for: one notice, addressed, with everything it must state.
 * `to` holds e-mail addresses or role references such as `role:counsel`, which the activity resolves from
 * configuration (TAKEDOWN_ROLE_MAILBOXES) so workflow histories never hold our own mailboxes.
 */
export interface NoticeRequest<T extends TemplateName = TemplateName> {
  workflowId: string;
  /** Deterministic: `<case>/<warrant>/<party>`, `…/renotice-1`, `…/escalation-<level>`. */
  noticeId: string;
  kind: NoticeKind;
  template: T;
  to: string[];
  context: WorkflowNoticeContext<T>;
  /** Target keys the notice covers (domains, `platform:handle`). */
  covers: string[];
  /** Workflow time of the decision to send: the Date header, so a resend is byte-identical. */
  createdAt: string;
  /** Required for external templates: the XARF copy's facts. */
  xarf?: XarfRequest;
  /** On a re-notification or escalation: the notice it follows up. */
  follows?: string;
}
