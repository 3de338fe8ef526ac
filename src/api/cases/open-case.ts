import { WorkflowIdReusePolicy } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../../../domain/actors';
import { casePackageSchema } from '../../../domain/case-package';
import { checkClockSettings } from '../../../domain/clock-bounds';
import { TakedownError } from '../../../domain/errors';
import { workflowIds } from '../../../domain/ids';
import { teamPattern } from '../../../domain/membership';
import { normalizeTarget } from '../../../domain/targets';
import type { caseWorkflow } from '../../../workflows/case/case';
import type { ApiDeps } from '../deps';
import { teamOfNewCase } from '../membership';
import { caseClocks } from '../schemas';

export const teamField = z.string().regex(teamPattern, { error: '1 to 100 letters, digits, spaces or . _ @ : / -, starting with a letter or digit' });

/** The body of `POST /api/cases`: the package, and the clocks, team and counsel the opener may set. */
export const openCaseBody = casePackageSchema.extend({
  settings: caseClocks,
  team: teamField.optional().describe("the owning team: the opener's own (an agent may name no other); coordinators and supervisors may name any"),
  counsel: teamField.optional().describe("the assigned counsel's person ID (the sign-in's subject, e.g. okafor); a coordinator or supervisor may change it later"),
});
export type OpenCaseBody = z.output<typeof openCaseBody>;

/**
 * A case none of whose lines is a target would open, close at once and use up its ID for ever; it is
 * refused here instead, with every line's refusal, and nothing is started. (One good line is enough:
 * the case reports the other lines as refused, as it always has.)
 */
function refuseIfNoTarget(targets: string[]): void {
  const refusals = targets.map((input) => normalizeTarget(input)).map((result) => (result.ok ? undefined : result.error));
  if (refusals.some((r) => r === undefined)) return;
  const fields = Object.fromEntries(refusals.map((r, i) => [`targets.${i}`, [`${r!.code}: ${r!.message}`]]));
  throw new TakedownError('VALIDATION_FAILED', `every target was refused, so the case was not opened (its ID stays free): ${refusals.map((r, i) => `"${targets[i]}": ${r!.message}`).join('; ')}`, fields);
}

/**
 * Opens a case as the verified actor: its team, its clocks (within the law's bounds, set only by those who
 * may), and its workflow started by name (the API never loads workflow code). Used by `POST /api/cases` and
 * by a lead turned into a case (src/api/routes/leads.ts).
 */
export async function openCase(deps: Pick<ApiDeps, 'client' | 'settings'>, actor: Actor, body: OpenCaseBody): Promise<{ caseId: string; workflowId: string }> {
  const { settings, team: askedTeam, counsel, ...pkg } = body;
  const team = teamOfNewCase(actor, askedTeam);
  checkClockSettings(actor, settings, deps.settings);
  refuseIfNoTarget(pkg.targets);
  const workflowId = workflowIds.case(pkg.caseId);
  await deps.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
    taskQueue: deps.settings.taskQueue,
    workflowId,
    // A case ID names one case for ever, even after it has closed.
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [{ package: pkg, openedBy: actor, settings, team, counsel }],
    memo: { title: pkg.title, openedBy: { id: actor.id, name: actor.name } },
  });
  return { caseId: pkg.caseId, workflowId };
}
