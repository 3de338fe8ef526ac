import { allHandlersFinished, condition, isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { systemActor } from '../../domain/actors';
import { nowIso, nowMs } from '../../domain/clock';
import { custodyWorkflowId, type CustodyStatus, type RestoreFacts } from '../../domain/custody';
import { durationMs } from '../../domain/duration';
import { alertCoordinator } from './alerts';
import { causeMessage } from '../shared/cause-message';
import type { CustodyBook } from './state';
import { serveReleaseOrders } from '../notice/case-notices';
import { ackLookup, type NoticeHooks } from '../notice/follow-up';
import { watchRestoration } from './registry-restoration';

const banner = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { initialInterval: '2s', maximumInterval: '1m', nonRetryableErrorTypes: ['VALIDATION_FAILED'] } });
/** Since 'custody-banner-alert': about ten minutes of tries, then the coordinator is told and the release goes on. */
const bannerTries = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 12, nonRetryableErrorTypes: ['VALIDATION_FAILED'] } });

/**
 * A release (a claim succeeded, the case was dropped): the domain comes off the banner at once (its host gets
 * a 404), the registry is ordered to restore it (one release order, followed up like the seizure order), and
 * custody stays RELEASING until the registry shows the lock lifted and the seizure name servers gone: the
 * government holds the domain until then, so "released" is something seen at the registry, not assumed.
 */
export async function release(book: CustodyBook, restore: RestoreFacts | undefined): Promise<CustodyStatus> {
  const s = book.status;
  const order = s.forfeiture.release!;
  const offBanner = await takeOffBanner(book);
  if (!restore) {
    // Custody started by hand, without the seizure order's facts: nothing to address a release order with.
    book.record(`release: ${order.reason}; ${offBanner}; no release order sent (custody holds no record of the seizure order)`, order.actor);
    await alertCoordinator(book, { key: 'released', kind: 'released', message: `${s.domain} is released (${order.reason}): the registry must restore the registrant's name servers and lift the registry lock; send it the release order by hand` });
    return finish(book, 'the registry was told by hand');
  }

  s.state = 'RELEASING';
  order.dueBy = new Date(nowMs() + durationMs(restore.executeWithin)).toISOString();
  book.record(`stage RELEASING: ${order.reason}; ${offBanner}; the registry is ordered to restore ${s.domain} by ${order.dueBy}`, order.actor);
  book.publish({ deadlineState: 'OK', deadlineAt: order.dueBy });
  const alerts: Promise<void>[] = [];
  const served = serveReleaseOrders({
    caseWorkflowId: custodyWorkflowId(s.domain), facts: restore.facts, warrant: restore.warrant, targets: [restore.target],
    settings: { registryExecutionWithin: restore.executeWithin }, reason: order.reason,
    authorizedBy: { name: order.actor.name, role: order.actor.role }, releaseId: `custody-${s.domain}`, hooks: releaseHooks(book),
    onUnaddressed: (item) => alerts.push(alertCoordinator(book, { key: 'release-unaddressed', kind: 'release-unaddressed', message: `no release order could be sent for ${s.domain}: ${item.reason}; ask the registry to restore it by hand`, dueBy: order.dueBy })),
  });
  await Promise.all([served, awaitRestoration(book, restore)]);
  await Promise.all(alerts);
  return finish(book, `the registry shows it restored (${order.lastCheck!.seen})`);
}

/**
 * The domain comes off the banner (its host gets a 404). The banner's store failing for good must not fail
 * custody (nor hold up the release order): the coordinator is told to take it off by hand. Histories from
 * before 'custody-banner-alert' retried without end, and a refusal failed the workflow.
 */
async function takeOffBanner(book: CustodyBook): Promise<string> {
  const s = book.status;
  const reason = s.forfeiture.release!.reason;
  if (!patched('custody-banner-alert')) {
    await banner.releaseFromBannerAllowList({ domain: s.domain, reason });
    s.bannerMode = 'removed';
    return "removed from the banner's allow-list";
  }
  try {
    await bannerTries.releaseFromBannerAllowList({ domain: s.domain, reason });
    s.bannerMode = 'removed';
    return "removed from the banner's allow-list";
  } catch (error) {
    if (isCancellation(error)) throw error;
    await alertCoordinator(book, { key: 'banner-release-failed', kind: 'check-failed', message: `the seizure banner still answers for ${s.domain}: it could not take the domain off its allow-list (${causeMessage(error)}); take it off by hand` });
    return `still on the banner's allow-list (${causeMessage(error)}; the coordinator is alerted)`;
  }
}

/** Notices custody sends itself are recorded on its status, so their signed links answer to this workflow. */
function releaseHooks(book: CustodyBook): NoticeHooks {
  const s = book.status;
  return {
    acknowledged: ackLookup(s.acknowledgements),
    settled: () => (s.forfeiture.release?.restoredAt ? 'the registry shows the domain restored' : undefined),
    onNotice: (notice) => {
      s.notices.push(notice);
      if (notice.kind === 'registry-release') (s.forfeiture.release!.orders ??= []).push(notice.noticeId);
      book.record(`${notice.kind} sent to ${notice.to.join(', ')}`, systemActor, { data: { noticeId: notice.noticeId, messageId: notice.messageId, follows: notice.follows } });
    },
    onStep: (step) => { if (step.step !== 'sent') book.record(step.action, systemActor, { reason: step.reason, data: { noticeId: step.noticeId, ...step.data } }); },
  };
}

/**
 * The registry's restoration of the domain; an acknowledgement (the registry says it acted) prompts a look at
 * once. Past the deadline the coordinator is alerted (DeadlineState BREACHED), and the looking goes on.
 */
async function awaitRestoration(book: CustodyBook, restore: RestoreFacts): Promise<void> {
  const s = book.status;
  const order = s.forfeiture.release!;
  await watchRestoration({
    domain: s.domain, restoreNameservers: restore.target.registration?.nameservers ?? [], dueBy: Date.parse(order.dueBy!),
    pollEveryMs: durationMs(book.settings.releaseCheckEvery), pollMaxMs: durationMs(book.settings.releaseCheckMax),
    record: (action) => book.record(action),
    onCheck: (check) => { order.lastCheck = check; },
    overdue: async () => {
      book.publish({ deadlineState: 'BREACHED', deadlineAt: order.dueBy });
      await alertCoordinator(book, { key: 'release-overdue', kind: 'release-overdue', dueBy: order.dueBy, message: `the registry has not restored ${s.domain} by ${order.dueBy} (${order.lastCheck?.seen ?? 'the registry could not be checked'})` });
      return true;
    },
    prompts: () => s.acknowledgements.length,
  });
  order.restoredAt = nowIso();
}

/** RELEASED: custody ends; the coordinator is told. */
async function finish(book: CustodyBook, how: string): Promise<CustodyStatus> {
  const s = book.status;
  const order = s.forfeiture.release!;
  s.state = 'RELEASED';
  s.endedAt = order.releasedAt = nowIso();
  book.record(`stage RELEASED: ${order.reason}; ${how}`, order.actor);
  if (order.restoredAt) await alertCoordinator(book, { key: 'released', kind: 'released', message: `${s.domain} is released (${order.reason}) and ${how}` });
  book.publish();
  await condition(allHandlersFinished);
  return s;
}
