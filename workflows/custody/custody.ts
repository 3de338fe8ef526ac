import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { nowIso, nowMs } from '../../domain/clock';
import type { CustodyInput, CustodyStatus } from '../../domain/custody';
import { durationMs } from '../../domain/duration';
import { assess } from './clocks';
import { registerCustodyHandlers } from './messages';
import { alertCoordinator } from './alerts';
import { causeMessage } from '../shared/cause-message';
import { release } from './release';
import { CustodyBook } from './state';

const checks = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 } });
const banner = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { initialInterval: '2s', maximumInterval: '1m', nonRetryableErrorTypes: ['VALIDATION_FAILED'] } });

/**
 * A seized domain in custody until it is forfeited or released (PRODUCT §3 step 8): re-verified on a
 * schedule, its expiry watched (seized domains have been let expire and sold again), its forfeiture
 * clocks kept so none runs on silently. Continues as new every few passes so its history stays small.
 */
export async function custodyWorkflow(input: CustodyInput): Promise<CustodyStatus> {
  const book = new CustodyBook(input);
  let woken = false;
  registerCustodyHandlers(book, () => { woken = true; });
  if (!input.carried) book.record(`custody begins: ${input.domain} seized ${input.seizedAt}, re-verified every ${book.settings.reverifyEvery}`);
  book.publish();

  for (let pass = 0; pass < book.settings.iterationsPerRun; pass++) {
    // A fact recorded while this pass works wakes the next sleep at once (reset before the work, not after).
    woken = false;
    // 1. A release ends custody: off the banner at once, the registry ordered to restore the domain.
    if (book.status.forfeiture.release) return release(book, input.restore);
    // 2. Re-verify when due (or asked): registry, zone and banner; a regression is an alert.
    if (nowMs() >= Date.parse(book.status.nextCheckAt) || book.reverifyRequested) await reverify(book);
    // 3. The clocks: warnings, overdue deadlines, expiry; forfeiture once the claim deadline passed unclaimed.
    const assessment = assess(book.status, book.settings, nowMs());
    for (const alert of assessment.alerts) await alertCoordinator(book, alert);
    if (book.status.forfeiture.order) return forfeit(book);
    // Since 'forfeiture-confirmation' an administrative forfeiture waits for counsel's confirmation.
    if (assessment.forfeitureDue && (book.status.forfeiture.confirmation || !patched('forfeiture-confirmation'))) return forfeit(book);
    if (assessment.forfeitureDue) await awaitConfirmation(book);
    book.publish(assessment);
    // 4. Sleep until the next check or deadline, or until someone records a fact.
    await condition(() => woken || book.reverifyRequested, Math.max(1, assessment.nextWakeAt - nowMs()));
  }
  await condition(allHandlersFinished);
  return continueAsNew<typeof custodyWorkflow>({ ...input, carried: book.carry() });
}

/** One scheduled re-check; failures of the check itself are alerts too, never a failed workflow. */
async function reverify(book: CustodyBook): Promise<void> {
  const s = book.status;
  book.reverifyRequested = false;
  s.nextCheckAt = new Date(nowMs() + durationMs(book.settings.reverifyEvery)).toISOString();
  let check;
  try {
    check = await checks.checkCustody({ domain: s.domain, caseRef: s.caseRef });
  } catch (error) {
    return alertCoordinator(book, { key: `check-failed:${s.checksRun}`, kind: 'check-failed', message: `the custody check could not run: ${causeMessage(error)}` });
  }
  s.checksRun += 1;
  s.lastCheck = check;
  if (!check.verified && !s.failing) {
    s.failing = true;
    const failed = check.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.seen}`).join('; ');
    await alertCoordinator(book, { key: `regression:${s.checksRun}`, kind: 'regression', message: `the seizure no longer holds (${failed})` });
  } else if (check.verified && s.failing) {
    s.failing = false;
    book.record('re-verification passes again: the regression is resolved');
  }
  // A later expiration date is a renewal; the expiry alert re-arms for the new date.
  if (check.expiresAt && check.expiresAt !== s.expiresAt) {
    if (s.expiresAt && Date.parse(check.expiresAt) > Date.parse(s.expiresAt)) {
      s.renewals.push({ at: nowIso(), from: s.expiresAt, to: check.expiresAt });
      book.record(`renewed: the registration now expires on ${check.expiresAt} (was ${s.expiresAt})`);
    }
    s.expiresAt = check.expiresAt;
  }
  for (const status of ['redemptionPeriod', 'pendingDelete'] as const) {
    if (check.statuses.includes(status)) {
      await alertCoordinator(book, { key: `${status}:${s.expiresAt ?? ''}`, kind: status === 'redemptionPeriod' ? 'redemption-period' : 'pending-delete', message: `the registry shows ${status}: the domain is about to be deleted and return to the market unless it is restored now` });
    }
  }
}

/** Forfeiture fell due: recorded and alerted once; the loop then sleeps until counsel confirms (or a release, or an order). */
async function awaitConfirmation(book: CustodyBook): Promise<void> {
  const f = book.status.forfeiture;
  if (f.due) return;
  const reason = `no timely claim by ${book.status.clocks.claimDeadline}`;
  f.due = { since: nowIso(), reason };
  book.record(`administrative forfeiture due (${reason}): awaiting counsel's confirmation before the domain is forfeited and the banner changes`);
  await alertCoordinator(book, { key: 'forfeiture-due', kind: 'forfeiture-due', message: `${book.status.domain} may be forfeited administratively (${reason}): counsel must confirm it (POST /api/custody/${book.status.domain}/forfeiture/confirm) before the domain is forfeited and the banner changes` });
}

/** FORFEITED: the domain now belongs to the government; the banner turns into a public-service page. */
async function forfeit(book: CustodyBook): Promise<CustodyStatus> {
  const s = book.status;
  const confirmed = s.forfeiture.confirmation ? `, confirmed by ${s.forfeiture.confirmation.actor.name}` : '';
  const how = s.forfeiture.order ? `by order of ${s.forfeiture.order.orderedOn}` : `administratively: no timely claim by ${s.clocks.claimDeadline}${confirmed}`;
  // The state first, so a fact recorded while the banner switches is refused (WRONG_STATE), not lost.
  s.state = 'FORFEITED';
  s.endedAt = nowIso();
  if (book.settings.publicServiceOnForfeiture) {
    await banner.switchBannerToPublicService({ domain: s.domain });
    s.bannerMode = 'public-service';
  }
  book.record(`stage FORFEITED: forfeited ${how}${s.bannerMode === 'public-service' ? '; the banner shows the public-service page' : ''}`);
  await alertCoordinator(book, { key: 'forfeited', kind: 'forfeited', message: `${s.domain} is forfeited ${how}` });
  book.publish();
  await condition(allHandlersFinished);
  return s;
}
