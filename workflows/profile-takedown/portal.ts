import { condition, setHandler } from '@temporalio/workflow';
import { nowIso, nowMs } from '../../domain/clock';
import { recordPortalSubmissionUpdate } from '../../domain/profile-takedown';
import { checkPortalSubmission } from '../../domain/profile-rules';
import type { PortalChecklist } from '../../domain/platform-rules';
import type { PortalSubmission, ProfileRecord } from '../../domain/profile-takedown';
import { publishTask } from '../shared/open-tasks';
import { signedOnly } from '../shared/actor-signature';
import { refuseOnError } from '../shared/refuse';
import type { TargetState } from '../shared/target-state';

/**
 * Portal-only platforms (Meta's records portal, X's legal-requests site, TikTok's form, Google's LERS) take
 * no e-mail: the target hands the agent a task with the checklist of what to submit and waits for the
 * agent's record of the submission (recordPortalSubmissionUpdate), until the task's deadline or a
 * withdrawal. The Update is validated (role, reference, a time not in the future, the task the target
 * holds), so a refused record leaves nothing behind and the caller sees why.
 */
export class PortalDesk {
  private waitingFor?: PortalChecklist['kind'];
  private received?: PortalSubmission;

  constructor(private readonly state: TargetState, private readonly profile: ProfileRecord) {
    const wait = () => ({ waitingFor: this.waitingFor, warrantAt: state.status.warrant?.at });
    const check = (input: Parameters<typeof checkPortalSubmission>[1]) => {
      state.requireMember(input.actor, "record this target's portal submission");
      return checkPortalSubmission(wait(), input, nowMs());
    };
    setHandler(recordPortalSubmissionUpdate, (input) => {
      const checked = check(input);
      const submission: PortalSubmission = { ...checked, recordedAt: nowIso(), actor: input.actor };
      this.profile.submissions.push(submission);
      this.received = submission;
      this.waitingFor = undefined;
      state.record(`${checked.kind} request submitted in the ${profile.platformName} portal (reference ${checked.reference}, at ${checked.submittedAt})`, input.actor);
      return submission;
    }, { validator: signedOnly(recordPortalSubmissionUpdate, (input) => refuseOnError(() => void check(input))) });
  }

  /** Opens the task and waits; resolves to the recorded submission, or undefined on the deadline or an interruption. */
  async await(checklist: PortalChecklist, expireMs: number, interrupted: () => boolean): Promise<PortalSubmission | undefined> {
    const since = nowIso();
    const dueBy = new Date(Date.parse(since) + expireMs).toISOString();
    this.received = undefined;
    this.waitingFor = checklist.kind;
    this.state.status.task = { kind: 'portal-submission', reason: `${this.profile.platformName} takes ${checklist.kind} requests only through ${checklist.portalUrl}`, since, dueBy, checklist };
    this.state.record(`task for the agent: submit the ${checklist.kind} request in ${checklist.portalUrl} by ${dueBy}`, undefined, { data: { checklist: checklist.items } });
    publishTask('portal-submission', true);
    await condition(() => this.received !== undefined || interrupted(), expireMs);
    this.waitingFor = undefined;
    this.state.status.task = undefined;
    publishTask('portal-submission', false);
    return this.received;
  }
}
