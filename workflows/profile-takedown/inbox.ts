import { setHandler } from '@temporalio/workflow';
import { recipientActor, type Actor } from '../../domain/actors';
import { nowIso } from '../../domain/clock';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { targetAcknowledgementSignal, targetDecisionSignal, targetNoticeSignal, targetStatusQuery, targetWarrantExpiredSignal, targetWarrantSignal, targetWithdrawSignal, type TargetDecisionMessage } from '../../domain/target';
import type { Acknowledgement, TargetNotice } from '../../domain/notice-records';
import type { TargetState } from '../shared/target-state';

/** What the case (and the platform, through a signed link) tells a profile takedown, kept as it arrives. */
export interface ProfileInbox {
  decision?: TargetDecisionMessage;
  withdrawal?: { actor: Actor; reason: string };
  /** The case's warrant deadline passed without a warrant covering this profile. */
  warrantExpired?: string;
  /** Notices the case served on this profile: the platform request, its reminder and escalations. */
  caseNotices: TargetNotice[];
  /** Answers to the case's notices: the platform's confirmation. */
  caseAcks: Acknowledgement[];
}

/**
 * The same messages as a domain target (decision, warrant or its deadline, notice, acknowledgement, withdrawal, status
 * query), plus acknowledgements of the notices this workflow sends itself (preservation letters), whose
 * signed links name this workflow rather than the case.
 */
export function listenToCase(state: TargetState, onOwnAck: (ack: Acknowledgement) => void): ProfileInbox {
  const { status } = state;
  const inbox: ProfileInbox = { caseNotices: [], caseAcks: [] };
  setHandler(targetStatusQuery, () => status);
  // The case may tell a target the same thing twice (its fan-out activity is retried as a whole): what is already held is ignored.
  setHandler(targetDecisionSignal, (message) => {
    if (state.alreadyDecided(inbox.decision, message)) return;
    inbox.decision = message;
    state.record(`legal review: ${message.outcome}`, message.actor, { reason: message.reason, packageVersion: message.packageVersion });
  });
  setHandler(targetWarrantSignal, (warrant) => {
    if (status.warrant?.warrantId === warrant.warrantId) return;
    status.warrant = warrant;
    state.record(`warrant recorded (${warrant.warrant.docket})`, warrant.actor, { data: { warrantId: warrant.warrantId } });
  });
  setHandler(targetWarrantExpiredSignal, ({ reason }) => { if (inbox.warrantExpired) return; inbox.warrantExpired = reason; state.record('warrant deadline passed', undefined, { reason }); });
  setHandler(targetNoticeSignal, (notice) => { if (state.hearNotice(notice)) inbox.caseNotices.push(notice); });
  setHandler(targetAcknowledgementSignal, (ack) => { if (state.hearAcknowledgement(ack)) inbox.caseAcks.push(ack); });
  setHandler(acknowledgeNoticeSignal, (raw) => {
    const notice = status.notices.find((n) => n.noticeId === raw.noticeId && !inbox.caseNotices.includes(n));
    if (!notice) return state.record(`acknowledgement for unknown notice ${raw.noticeId} ignored`, recipientActor(raw.by));
    const ack = { ...raw, at: nowIso() };
    status.acknowledgements.push(ack);
    state.record(`notice ${ack.noticeId} ${ack.kind}`, recipientActor(ack.by), { detail: ack.comment, data: { reference: ack.reference } });
    onOwnAck(ack);
  });
  setHandler(targetWithdrawSignal, (message) => { inbox.withdrawal ??= message; state.record('withdrawal requested', message.actor, { reason: message.reason }); });
  return inbox;
}
