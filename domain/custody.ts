import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { Actor, Role } from './actors';
import type { PlanTarget, TargetCaseFacts } from './notice-request';
import type { Duration } from './duration';
import type { CustodySettingsInput } from './custody-settings';
import type { Acknowledgement, NoticeSummary } from './notice-records';
import type { TimelineEntry } from './timeline';
import type { VerificationCheck, VerificationResult } from './verification';
import type { TargetWarrant } from './warrant-record';

/**
 * Custody of a seized domain (PRODUCT §3 step 8): re-verification, expiry watch and the forfeiture clocks.
 * The contract between the custody workflow, the domain workflow that starts it, the API and tests.
 */

/** How verification introduces itself to the banner, which does not count its requests as hits. */
export const verificationUserAgent = 'Takedown seizure verification';

/** One custody workflow per seized domain; the domain workflow starts it as an abandoned child. */
export const custodyWorkflowId = (domain: string) => `custody:${domain}`;


/** The clocks, in a module of their own (domain/custody-settings.ts). */
export { custodySettingsSchema, type CustodySettings, type CustodySettingsInput } from './custody-settings';

/** RELEASING: a release is ordered, the banner is off, and the registry has yet to restore the domain. */
export type CustodyState = 'IN_CUSTODY' | 'RELEASING' | 'FORFEITED' | 'RELEASED';
export type BannerMode = 'seizure' | 'public-service' | 'removed';
/** Clocks a court (often under seal) may extend. */
export const extendableClocks = ['personal-notice', 'complaint'] as const;
export type ExtendableClock = (typeof extendableClocks)[number];

export const custodyAlertKinds = [
  'regression', 'check-failed', 'expiry-near', 'redemption-period', 'pending-delete',
  'personal-notice-due', 'personal-notice-overdue', 'complaint-due', 'complaint-overdue',
  'extension-ending', 'extension-ended', 'hardship-response-due', 'hardship-response-overdue', 'hardship-ruling-due',
  'forfeiture-due', 'forfeited', 'released', 'release-overdue', 'release-unaddressed',
  'judicial-claims-closing', 'judicial-claims-closed', 'judicial-answer-due', 'judicial-answer-overdue',
] as const;
export type CustodyAlertKind = (typeof custodyAlertKinds)[number];

/** An alert to the coordinator; `key` makes each one fire once (an extension or renewal re-arms its clock). */
export interface CustodyAlert {
  key: string;
  kind: CustodyAlertKind;
  at: string;
  message: string;
  dueBy?: string;
  /** The notice that carried it, when it was mailed. */
  noticeId?: string;
}

/** What the workflow started with: the seizure as the domain workflow saw it. */
export interface CustodyInput {
  domain: string;
  caseId: string;
  /** The case title, as alerts to the coordinator name the case (default: the case ID). */
  caseTitle?: string;
  /** The case reference the banner shows (default: the case ID). */
  caseRef?: string;
  seizedAt: string;
  /** The registry's expiration date at seizure (RDAP `expiration` event). */
  expiresAt?: string;
  warrant?: { court: string; docket: string; sealed: boolean };
  /** What a release order needs; without it (custody started by hand) a release only tells the coordinator. */
  restore?: RestoreFacts;
  settings?: CustodySettingsInput;
  /** The owning team of the case, so its members read and act on the custody after the case has closed and gone (domain/membership.ts). */
  team?: string;
  /** State carried over by continue-as-new; absent on the first run. */
  carried?: CustodyStatus;
}

/** The seizure as the case served it, so custody can have the registry undo it long after the case closed. */
export interface RestoreFacts {
  facts: TargetCaseFacts;
  /** The warrant the seizure order was served under (the release order cites that order). */
  warrant: TargetWarrant;
  /** The domain as the case listed it, with its registration from before the seizure (the name servers to restore). */
  target: PlanTarget;
  /** How long the registry has to act on the release order: the case's registry clock (registryExecutionWithin). */
  executeWithin: Duration;
}

/** One custody re-check: the three verification checks plus what the registry says about expiry. */
export interface CustodyCheck extends VerificationResult {
  statuses: string[];
  expiresAt?: string;
}

export interface Extension { clock: ExtendableClock; until: string; sealed: boolean; order: string; actor: Actor; at: string }
export interface Claim { claimant: string; filedOn: string; timely: boolean; actor: Actor; at: string }

/** A decision on a hardship request: the seizing agency's answer, or the court's ruling on the petition. */
export interface HardshipDecision { outcome: 'granted' | 'denied'; decidedOn: string; reason: string; actor: Actor; at: string }

/**
 * A claimant's request for the domain's return pending the case, for substantial hardship (18 U.S.C. §983(f)):
 * the agency has 15 days; then the claimant may petition the district court, which rules within 30 days.
 */
export interface HardshipRecord {
  claimant: string;
  filedOn: string;
  basis: string;
  actor: Actor;
  at: string;
  response?: HardshipDecision;
  courtPetition?: { filedOn: string; docket: string; actor: Actor; at: string; ruling?: HardshipDecision };
}

/** A claim in the judicial forfeiture action: timely when filed by the claim deadline of Rule G(5)(a)(ii). */
export interface JudicialClaim {
  claimant: string;
  filedOn: string;
  timely: boolean;
  actor: Actor;
  at: string;
  answer?: { filedOn: string; actor: Actor; at: string };
}

/** The forfeiture facts, as people recorded them; nothing is ever rewritten. */
export interface ForfeitureRecord {
  personalNotice?: { sentOn: string; to: string[]; actor: Actor; at: string };
  publication?: { firstDay: string; site: string; actor: Actor; at: string };
  claims: Claim[];
  complaint?: { filedOn: string; docket: string; actor: Actor; at: string };
  /** The forfeiture action's own notice and publication (Supplemental Rule G(4)), after the complaint. */
  judicialNotice?: { sentOn: string; to: string[]; actor: Actor; at: string };
  judicialPublication?: { firstDay: string; site: string; actor: Actor; at: string };
  /** Claims in the forfeiture action (Rule G(5)(a)), each with the claimant's answer once filed (G(5)(b)). */
  judicialClaims?: JudicialClaim[];
  extensions: Extension[];
  hardship?: HardshipRecord;
  order?: { orderedOn: string; docket?: string; actor: Actor; at: string };
  /**
   * Administrative forfeiture fell due (the claim deadline passed with no timely claim): custody waits for
   * counsel to confirm it before the banner and the record change (since 'forfeiture-confirmation').
   */
  due?: { since: string; reason: string };
  confirmation?: { note?: string; actor: Actor; at: string };
  release?: ReleaseRecord;
}

/** A release, from the order to the registry's restoration of the domain. */
export interface ReleaseRecord {
  reason: string;
  actor: Actor;
  requestedAt: string;
  /** The release orders sent to the registry. */
  orders?: string[];
  /** The registry must have restored the domain by then. */
  dueBy?: string;
  /** The last look at the registry, and when it first showed the domain restored. */
  lastCheck?: VerificationCheck;
  restoredAt?: string;
  /** When custody ended RELEASED. */
  releasedAt?: string;
}

/** The deadlines derived from the facts (ISO times); absent while they cannot be known yet. */
export interface CustodyClocks {
  personalNoticeDue: string;
  publicationEnds?: string;
  claimDeadline?: string;
  complaintDue?: string;
  /** After the complaint, its notice and publication: the last day for claims in the forfeiture action. */
  judicialClaimDeadline?: string;
  /** The earliest timely judicial claim still without its answer: the answer is due then. */
  judicialAnswerDue?: string;
  /** An open hardship request: the agency's answer is due (§983(f)(3)), or the court's ruling (§983(f)(5)). */
  hardshipResponseDue?: string;
  hardshipRulingDue?: string;
}

import type { DeadlineState } from './search-attributes';
export type { DeadlineState };

/** What the custody status query returns. */
export interface CustodyStatus {
  domain: string;
  caseId: string;
  caseTitle: string;
  caseRef: string;
  /** The case's owning team at seizure. */
  team?: string;
  state: CustodyState;
  seizedAt: string;
  warrant?: CustodyInput['warrant'];
  expiresAt?: string;
  renewals: { at: string; from?: string; to: string }[];
  lastCheck?: CustodyCheck;
  /** When the next scheduled re-verification is due. */
  nextCheckAt: string;
  /** A regression is open: the last check failed after the seizure was in place. */
  failing: boolean;
  checksRun: number;
  /** How many times the workflow continued as new. */
  run: number;
  bannerMode: BannerMode;
  forfeiture: ForfeitureRecord;
  clocks: CustodyClocks;
  deadlineState: DeadlineState;
  alerts: CustodyAlert[];
  /** Notices custody sent itself that expect an answer (release orders), and the answers to them. */
  notices: NoticeSummary[];
  acknowledgements: Acknowledgement[];
  /** Keys of every alert raised, so none fires twice across runs. */
  raised: string[];
  timeline: TimelineEntry[];
  endedAt?: string;
}

// ---- Messages (workflow ID custodyWorkflowId(domain)). Facts people record are Updates with validators,
// so the caller sees a refusal (role, state, malformed date) and nothing is recorded.
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'a date (YYYY-MM-DD) or an ISO date-time' });
export const personalNoticeSchema = z.object({ sentOn: instant, to: z.array(z.string().min(1)).min(1, 'name who was sent the notice') });
export const publicationSchema = z.object({ firstDay: instant, site: z.string().min(3).default('www.forfeiture.gov') });
export const claimSchema = z.object({ claimant: z.string().min(1, 'claimant is required'), filedOn: instant });
export const complaintSchema = z.object({ filedOn: instant, docket: z.string().min(3, 'docket number is required') });
export const judicialAnswerSchema = z.object({ claimant: z.string().min(1, 'claimant is required: the one whose claim this answers'), filedOn: instant });
export const extensionSchema = z.object({ clock: z.enum(extendableClocks), until: instant, sealed: z.boolean(), order: z.string().min(3, 'reference of the order granting the extension is required') });
export const forfeitureOrderSchema = z.object({ orderedOn: instant, docket: z.string().min(3).optional() });
export const hardshipRequestSchema = z.object({ claimant: z.string().min(1, 'claimant is required'), filedOn: instant, basis: z.string().min(10, 'state the hardship the claimant asserts (18 U.S.C. §983(f)(1))') });
export const hardshipPetitionSchema = z.object({ filedOn: instant, docket: z.string().min(3, 'docket number is required') });
export const hardshipDecisionSchema = z.object({
  by: z.enum(['agency', 'court'], { error: "'agency' (the answer to the request) or 'court' (the ruling on the petition)" }),
  outcome: z.enum(['granted', 'denied'], { error: "'granted' or 'denied'" }),
  decidedOn: instant,
  reason: z.string().min(3, 'say why'),
});
export const releaseSchema = z.object({ reason: z.string().min(3, 'say why the domain is released') });
export const forfeitureConfirmationSchema = z.object({ note: z.string().min(3, 'say what was checked, or leave the note out').max(2000).optional() });

/** Who may record a fact on a seized domain: anyone on the case may record notices, publication and claims; */
export const custodyRecorderRoles = ['agent', 'counsel', 'supervisor', 'coordinator'] as const satisfies readonly Role[];
/** a court's acts (complaint, extension, forfeiture order) and a release are counsel's or a supervisor's. */
export const custodyLegalRoles = ['counsel', 'supervisor'] as const satisfies readonly Role[];

type With<S extends z.ZodType> = { actor: Actor } & z.input<S>;
/** What every recording update answers: the facts and the deadlines they now give. */
export interface ForfeitureView { state: CustodyState; forfeiture: ForfeitureRecord; clocks: CustodyClocks }

export const recordPersonalNoticeUpdate = defineUpdate<ForfeitureView, [With<typeof personalNoticeSchema>]>('recordPersonalNotice');
export const recordPublicationUpdate = defineUpdate<ForfeitureView, [With<typeof publicationSchema>]>('recordPublication');
export const recordClaimUpdate = defineUpdate<ForfeitureView, [With<typeof claimSchema>]>('recordClaim');
export const recordComplaintUpdate = defineUpdate<ForfeitureView, [With<typeof complaintSchema>]>('recordComplaint');
/** Anyone on the case: the forfeiture action's direct notice and publication (Rule G(4)), its claims and the claimants' answers (G(5)). */
export const recordJudicialNoticeUpdate = defineUpdate<ForfeitureView, [With<typeof personalNoticeSchema>]>('recordJudicialNotice');
export const recordJudicialPublicationUpdate = defineUpdate<ForfeitureView, [With<typeof publicationSchema>]>('recordJudicialPublication');
export const recordJudicialClaimUpdate = defineUpdate<ForfeitureView, [With<typeof claimSchema>]>('recordJudicialClaim');
export const recordJudicialAnswerUpdate = defineUpdate<ForfeitureView, [With<typeof judicialAnswerSchema>]>('recordJudicialAnswer');
export const recordExtensionUpdate = defineUpdate<ForfeitureView, [With<typeof extensionSchema>]>('recordExtension');
/** Anyone on the case: a claimant's hardship request (§983(f)(2)) or petition to the court (§983(f)(3)). */
export const recordHardshipRequestUpdate = defineUpdate<ForfeitureView, [With<typeof hardshipRequestSchema>]>('recordHardshipRequest');
export const recordHardshipPetitionUpdate = defineUpdate<ForfeitureView, [With<typeof hardshipPetitionSchema>]>('recordHardshipPetition');
/** Counsel or supervisor: the agency's answer or the court's ruling; a grant releases the domain. */
export const recordHardshipDecisionUpdate = defineUpdate<ForfeitureView, [With<typeof hardshipDecisionSchema>]>('recordHardshipDecision');
/** Counsel: the court's order (or the declaration) of forfeiture; ends custody as FORFEITED. */
export const recordForfeitureOrderUpdate = defineUpdate<ForfeitureView, [With<typeof forfeitureOrderSchema>]>('recordForfeitureOrder');
/**
 * Counsel (or a supervisor): confirms an administrative forfeiture that fell due (no timely claim), after
 * checking notice, publication and the claims; only then is the domain FORFEITED and the banner changed.
 */
export const confirmForfeitureUpdate = defineUpdate<ForfeitureView, [With<typeof forfeitureConfirmationSchema>]>('confirmForfeiture');
/** Counsel or supervisor: the case is dropped or a claim succeeded; the registry is ordered to restore the domain (RELEASING), then RELEASED. */
export const releaseDomainUpdate = defineUpdate<ForfeitureView, [With<typeof releaseSchema>]>('releaseDomain');
/** Re-verify now instead of at the next scheduled check (after a registry ticket, say). */
export const reverifyNowSignal = defineSignal('reverifyNow');
export const custodyStatusQuery = defineQuery<CustodyStatus>('custodyStatus');
