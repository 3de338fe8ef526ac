import { condition, patched, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../../activities';
import type { Actor } from '../../domain/actors';
import { bannerListing, publicReference } from '../../domain/banner-listing';
import { nowMs } from '../../domain/clock';
import { targetAcknowledgementSignal, targetDecisionSignal, targetNoticeSignal, targetStatusQuery, targetWarrantExpiredSignal, targetWarrantSignal, targetWithdrawSignal, type TargetDecisionMessage } from '../../domain/target';
import type { TargetOutcome } from '../../domain/target';
import { caseSettingsSchema } from '../../domain/settings';
import { durationMs } from '../../domain/duration';
import { parseOrRefuse } from '../../domain/validation';
import type { TerminalOutcome } from '../../domain/stages';
import { evidenceAction } from '../../domain/evidence';
import { captureEvidence } from '../shared/evidence-capture';
import { awaitManualLookup } from './manual-lookup';
import { lookUpAgain } from './lookup-again';
import { isPermanent } from '../shared/outage-wait';
import { causeMessage } from '../shared/cause-message';
import { lookupRegistrationInOneTask, lookupRegistrationPerHost } from './registration-lookup';
import { custodyWorkflowId } from '../../domain/custody';
import { startCustody } from './custody-start';
import type { DomainSeizureInput } from '../../domain/domain-seizure';
import { verifyByPolling } from './verify-by-polling';
import { failureType, refuseOnError } from '../shared/refuse';
import { releaseOnce, restoredAtRegistry } from './seizure-release';
import { targetDisplay, verifyUntilDeadline } from '../shared/seizure-verification';
import { TargetState, followMembership } from '../shared/target-state';

export type { DomainSeizureInput } from '../../domain/domain-seizure';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 5 } });

/** One domain from lookup to seizure: it waits for its case's decision, warrant and notice, then verifies. */
export async function domainSeizureWorkflow(input: DomainSeizureInput): Promise<TargetOutcome> {
  const settings = refuseOnError(() => parseOrRefuse(caseSettingsSchema, input.settings, 'the case settings'));
  const state = new TargetState(input.caseWorkflowId, input.caseId, input.target, input.operationId);
  followMembership(state, input.team);
  const { status } = state;
  let decision: TargetDecisionMessage | undefined;
  let withdrawal: { actor: Actor; reason: string } | undefined;
  let warrantExpired: string | undefined;
  setHandler(targetStatusQuery, () => status);
  // The case may tell a target the same thing twice (its fan-out activity is retried as a whole): what is already held is ignored.
  setHandler(targetDecisionSignal, (message) => {
    if (state.alreadyDecided(decision, message)) return;
    decision = message;
    state.record(`legal review: ${message.outcome}`, message.actor, { reason: message.reason, packageVersion: message.packageVersion });
  });
  setHandler(targetWarrantSignal, (warrant) => {
    if (status.warrant?.warrantId === warrant.warrantId) return;
    status.warrant = warrant;
    state.record(`warrant recorded (${warrant.warrant.docket})`, warrant.actor, { data: { warrantId: warrant.warrantId } });
  });
  setHandler(targetNoticeSignal, (notice) => { state.hearNotice(notice); });
  setHandler(targetAcknowledgementSignal, (ack) => { state.hearAcknowledgement(ack); });
  setHandler(targetWarrantExpiredSignal, ({ reason }) => { if (warrantExpired) return; warrantExpired = reason; state.record('warrant deadline passed', undefined, { reason }); });
  setHandler(targetWithdrawSignal, (message) => { withdrawal ??= message; state.record('withdrawal requested', message.actor, { reason: message.reason }); });
  const end = async (outcome: TerminalOutcome, detail?: string) => { await state.enter(outcome, detail); return state.outcome(detail); };
  /** Waits for `done`, a withdrawal, or the timeout; true when `done` came first. */
  const until = async (done: () => boolean, timeout?: number) => {
    const either = () => done() || withdrawal !== undefined;
    if (timeout === undefined) await condition(either);
    else await condition(either, timeout);
    return !withdrawal && done();
  };
  /** The end counsel's decision gives a target it does not approve. */
  const endByDecision = () => {
    const outcomes = { excluded: 'EXCLUDED', rejected: 'REJECTED', expired: 'REVIEW_EXPIRED' } as const;
    return end(outcomes[decision!.outcome as keyof typeof outcomes], decision!.reason);
  };
  const withdrawn = () => end('WITHDRAWN', `withdrawn by ${withdrawal!.actor.name}: ${withdrawal!.reason}`);

  // 1. Who holds the domain: the registry, the registrar and its abuse contact (by hand if no registry answers).
  await state.enter('LOOKUP');
  // Every patch of the lookup's failure path is decided here, before the lookup plan's local activity: when that
  // activity fails at once, the worker may record its marker in one workflow task and run the catch block in the
  // next, while a replay resolves it within the first, before the worker has heard of the next task's patch
  // markers, so a patched() call there was false on replay and the history no longer replayed (TMPRL1100 on
  // 'decision-ends-lookup'). Since 'lookup-patches-first' its catch block asks no patch; before, it did (below).
  const patchesFirst = patched('lookup-patches-first');
  // Lookups run on their own queue: per host since 'per-host-lookups' (registration-lookup.ts), in one task before.
  const perHost = patchesFirst || patched('per-host-lookups');
  const lookUp = () => (perHost ? lookupRegistrationPerHost(input.target.domain, workflowInfo().taskQueue) : lookupRegistrationInOneTask(input.target.domain, workflowInfo().taskQueue));
  try {
    state.setRegistration(await lookUp());
  } catch (error) {
    const type = failureType(error);
    if (type === 'NOT_REGISTERED') return end('NOT_REGISTERED', `${input.target.domain} is not registered: nothing to seize`);
    const reason = `no registry answered (${type ?? 'error'}: ${causeMessage(error)})`;
    // Counsel may decide while the record is awaited: a decision that ends the target (excluded, rejected,
    // expired) ends the wait too. Targets that waited before 'decision-ends-lookup' wait for the record.
    const decisionEndsLookup = patchesFirst || patched('decision-ends-lookup');
    const decidedOut = () => decisionEndsLookup && decision !== undefined && decision.outcome !== 'approved';
    // Since 'lookup-again-while-manual' a registry that was only unreachable is asked again meanwhile (workflows/domain-seizure/lookup-again.ts).
    const expireMs = durationMs(settings.manualTaskExpireAfter);
    let lookupOver = false;
    const again = !isPermanent(error) && (patchesFirst || patched('lookup-again-while-manual')) ? lookUpAgain(lookUp, targetDisplay(state), nowMs() + expireMs, () => lookupOver) : undefined;
    const found = await awaitManualLookup(state, input.target, reason, expireMs, () => withdrawal !== undefined || decidedOut() || again?.answer !== undefined, patchesFirst);
    lookupOver = true;
    if (withdrawal) return withdrawn();
    if (decidedOut()) return endByDecision();
    const registration = found ?? again?.answer;
    if (!registration) return end('FAILED_NEEDS_ATTENTION', 'no registration record was entered by the deadline');
    if (!found) state.record('the registry answered again: its record replaces the manual lookup, which is no longer needed');
    state.setRegistration(registration);
  }
  state.record(`registrar ${status.registration!.registrar.name}, registry ${status.registration!.registry.name}`);

  // 2. Evidence: the site as it is now, kept for the chain of custody (only on this domain; a failure recorded as one).
  await state.enter('EVIDENCE');
  const evidenceArgs = { urls: input.evidenceUrls, capturedBy: input.openedBy.id, scope: input.target.domain };
  const captured = await captureEvidence(state, evidenceArgs, settings, () => withdrawal !== undefined, () => acts.captureEvidence(evidenceArgs));
  if (!captured.ok) return captured.withdrawn ? withdrawn() : end('FAILED_NEEDS_ATTENTION', captured.detail);
  status.evidence = captured.evidence;
  state.record(evidenceAction(status.evidence), input.openedBy);

  // 3. Legal review: the case's counsel decides for all its targets at once.
  await state.enter('LEGAL_REVIEW');
  if (!(await until(() => decision !== undefined))) return withdrawn();
  if (decision!.outcome !== 'approved') return endByDecision();

  // The approved package's facts (the ones the target started with when an old history carries none).
  const facts = decision!.facts ?? input.facts;

  // 4. Warrant: nothing is sent without one that covers this domain.
  await state.enter('WARRANT');
  if (!(await until(() => status.warrant !== undefined || warrantExpired !== undefined))) return withdrawn();
  if (!status.warrant) return end('WARRANT_EXPIRED', warrantExpired);

  // 5. Notice: the case serves one notice per registrar (and per registry) for all its domains.
  await state.enter('NOTICE');
  if (!(await until(() => status.notices.length > 0))) return status.notices.length > 0 ? release() : withdrawn();

  // 6. Compliance: wait for the recipient's acknowledgement, or the registry's execution deadline. A registry
  //    abroad acts only on the partner agency's request (domain/notice-plan.ts): verification waits for the partner
  //    to confirm it acted (its request escalates to the coordinator when late; a withdrawal still ends the wait).
  await state.enter('COMPLIANCE');
  const partnerRequest = status.notices.find((n) => n.kind === 'partner-request');
  if (partnerRequest) {
    state.record(`waiting for ${partnerRequest.to.join(', ')} to confirm that the registry abroad acted (request ${partnerRequest.noticeId})`);
    if (!(await until(() => status.acknowledgements.some((a) => a.kind === 'actioned' && a.noticeId.startsWith(partnerRequest.noticeId))))) return release();
  } else {
    const acknowledged = await until(() => status.acknowledgements.length > 0, durationMs(settings.registryExecutionWithin));
    if (withdrawal) return release();
    if (!acknowledged) state.record('no acknowledgement within the execution deadline; verifying anyway');
  }

  // 7. Verification at the registry, polled with backoff until the deadline; an outage outside waits, visibly.
  await state.enter('VERIFICATION');
  const warrant = status.warrant!.warrant;
  // The banner's listing: since 'sealed-banner' the public sees a public reference, never the case ID or docket,
  // and a sealed warrant's court only as a generic phrase (domain/banner-listing.ts).
  const listing = patched('sealed-banner')
    ? bannerListing(input.target.domain, warrant, publicReference(uuid4()))
    : { domain: input.target.domain, caseRef: input.caseId, court: warrant.court, docket: warrant.docket };
  if (listing.caseRef !== input.caseId) state.record(`listed on the seizure banner under the public reference ${listing.caseRef}`);
  if (patched('outage-waits')) {
    const verified = await verifyUntilDeadline(state, listing, settings, () => withdrawal !== undefined);
    if (verified.end === 'withdrawn') return release();
    if (verified.end === 'needs-attention') return end('FAILED_NEEDS_ATTENTION', verified.detail);
    return inCustody(true);
  }
  // Before 'outage-waits' (histories that replay): an activity's last failure here failed the workflow.
  const polled = await verifyByPolling(state, input.target.domain, listing, settings, () => withdrawal !== undefined);
  if (polled === 'verified') return inCustody(false);
  return polled === 'withdrawn' ? release() : end('FAILED_NEEDS_ATTENTION', 'the seizure was not verified by the deadline');

  /**
   * 8. Custody: re-verification, expiry and forfeiture clocks, in a workflow of its own that outlives this one.
   * `guarded` (since 'outage-waits'): custody:<domain> still running from an earlier seizure needs a person, not a failed workflow.
   */
  async function inCustody(guarded: boolean): Promise<TargetOutcome> {
    try {
      await startCustody({ input, status, settings, facts, caseRef: listing.caseRef, warrant });
    } catch (error) {
      if (!guarded || !(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return end('FAILED_NEEDS_ATTENTION', `the seizure is verified, but ${custodyWorkflowId(input.target.domain)} is still running from an earlier seizure: its clocks are not this one's`);
    }
    return end('SEIZED', 'the registry, the zone and the banner show the seizure');
  }

  /**
   * Withdrawn after the notice went out: the registry may have executed the seizure, so the case sends it a
   * release order and this target ends once the registry shows the domain restored (or, past the registry's
   * deadline, needs a person: the case escalates it to the coordinator).
   */
  async function release(): Promise<TargetOutcome> {
    if (patched('withdraw-once')) return releaseOnce(state, { domain: input.target.domain, caseWorkflowId: input.caseWorkflowId, caseId: input.caseId, caseTitle: (decision?.facts ?? input.facts).title, withdrawal: withdrawal!, settings, end, watch: () => restoredAtRegistry(state, input.target.domain, settings, true) });
    // Before 'withdraw-once' (histories that replay): the target stayed in its stage, and so withdrawable, until the registry restored it.
    await acts.releaseFromBannerAllowList({ domain: input.target.domain, reason: withdrawal!.reason });
    state.record(`release requested: the registry is asked to restore ${input.target.domain} (name servers ${status.registration!.nameservers.join(', ')})`, withdrawal!.actor, { reason: withdrawal!.reason });
    const withdrawn = `withdrawn after notice by ${withdrawal!.actor.name}: ${withdrawal!.reason}`;
    const seen = await restoredAtRegistry(state, input.target.domain, settings, false);
    if (seen.restored) return end('WITHDRAWN', `${withdrawn}; the registry shows it restored`);
    return end('FAILED_NEEDS_ATTENTION', `${withdrawn}; the registry has not restored it by the deadline (${seen.last?.seen ?? 'the registry could not be checked'})`);
  }
}
