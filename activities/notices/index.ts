import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { NoticeRequest } from '../../domain/notice-contexts';
import type { NoticeSummary } from '../../domain/notice-records';
import type { NoticeDirectory } from '../../domain/registries';
import { createMailHealth } from '../../lib/mail/mail-health';
import { sendNoticeOnce, type Acceptance, type AttemptJournal, type NoticeDeps } from './send-notice';

export interface NoticeActivityDeps extends NoticeDeps {
  /** Registry, platform and payment-processor contacts and the seizure name servers, from configuration. */
  directory?: NoticeDirectory;
}

/**
 * The heartbeat details of this activity: Temporal keeps them across attempts, so "the server accepted
 * this Message-ID" survives a crash or a failed ledger write between the server's answer and our record.
 */
function heartbeatJournal(): AttemptJournal {
  const context = Context.current();
  return {
    accepted() {
      const details = context.info.heartbeatDetails as { accepted?: Acceptance } | undefined;
      return details?.accepted;
    },
    async recordAccepted(acceptance) {
      context.heartbeat({ accepted: acceptance });
      // Let the SDK hand the heartbeat to the core before anything else can go wrong in this attempt.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** The notice activities: send one notice effectively once; give workflows the contact directory. */
export function createNoticeActivities(deps: NoticeActivityDeps) {
  const mailHealth = deps.mailHealth ?? createMailHealth();
  return {
    /** Render and send one notice, effectively once (see sendNoticeOnce). */
    async sendNotice(request: NoticeRequest): Promise<NoticeSummary> {
      return sendNoticeOnce({ ...deps, mailHealth, log: Context.current().log }, request, heartbeatJournal());
    },

    /** Who receives seizure orders, platform requests and payment notices, and the seizure name servers. */
    async noticeDirectory(): Promise<NoticeDirectory> {
      if (!deps.directory) throw ApplicationFailure.create({ type: 'CONFIG_INVALID', message: 'no notice directory is configured (TAKEDOWN_REGISTRY_CONTACTS, TAKEDOWN_PLATFORM_CONTACTS)', nonRetryable: true });
      return deps.directory;
    },
  };
}
export type NoticeActivities = ReturnType<typeof createNoticeActivities>;
