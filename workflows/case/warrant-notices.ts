import { condition } from '@temporalio/workflow';
import { systemActor } from '../../domain/actors';
import { nowIso } from '../../domain/clock';
import type { PortalTask } from '../../domain/notice-plan';
import type { Unaddressed } from '../../domain/notice-request';
import type { WarrantRecord } from '../../domain/warrant-record';
import { escalationRequest, planWarrant, serveWarrantNotices } from '../notice/case-notices';
import { deliverNotice } from '../notice/follow-up';
import type { CaseRun } from './run';

/**
 * Serves one warrant: its notices are planned once every covered domain knows its registrar, then each is
 * a workflow of its own (workflows/notice/), or, in cases from before 'notice-workflows', followed up here.
 */
export async function serveWarrant(run: CaseRun, warrant: WarrantRecord): Promise<void> {
  const { state } = run;
  const covered = () => warrant.warrant.covers.map((key) => state.target(key)!);
  // Address the notices once every covered target knows its registrar (or has ended).
  // Profiles have no registration: only domains wait for their lookup.
  await condition(() => covered().every((t) => t.target.kind !== 'domain' || t.registration !== undefined || !state.isLive(t.key)));
  const serve = {
    caseWorkflowId: run.caseWorkflowId, pkg: state.pkg, warrant, settings: run.settings, targets: covered().filter((t) => state.isLive(t.key)), ...planningCallbacks(run),
    onPortalTask: (task: PortalTask) => state.record(systemActor, `${task.platform} takes requests only through ${task.portalUrl}: the agent submits ${task.noticeId} there`, { data: { covers: task.covers } }),
  };
  // The warrant loop does not wait for the notices, so the next warrant is not held up by this one's mail or deadlines.
  run.followUps.push(run.noticesAreWorkflows() ? planWarrant(serve).then((plan) => run.notices.start(plan.notices, true)) : serveWarrantNotices({ ...serve, hooks: run.noticeHooks }));
}

/** What planning a warrant's or a release's notices tells the case: a notice it cannot address, a directory that is down. */
export function planningCallbacks(run: CaseRun) {
  const { state, status } = run;
  return {
    onUnaddressed(u: Unaddressed): void {
      state.record(systemActor, `${u.key}: the ${u.notice} cannot be sent: ${u.reason}`, { data: { code: u.code } });
    },
    /** The notices cannot be planned for now: the timeline says why and the coordinator is told, once. */
    async onDirectoryDown(why: string): Promise<void> {
      state.record(systemActor, why);
      await deliverNotice(escalationRequest({
        caseWorkflowId: run.caseWorkflowId, caseId: status.caseId, title: state.pkg.title, level: 'coordinator', key: 'directory-down', subject: `the notices of ${status.caseId} wait for the contact directory`,
        reason: why, at: nowIso(),
      }), run.noticeHooks);
    },
  };
}
