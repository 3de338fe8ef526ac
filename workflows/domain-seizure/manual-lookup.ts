import { condition, setHandler } from '@temporalio/workflow';
import { TakedownError } from '../../domain/errors';
import type { Actor } from '../../domain/actors';
import { requireRole, preparerRoles } from '../../domain/role-rules';
import { nowIso } from '../../domain/clock';
import { provideRegistrationUpdate } from '../../domain/target';
import { manualRegistrationSchema, type RegistrationRecord } from '../../domain/registration';
import type { DomainTarget } from '../../domain/targets/types';
import { parseOrRefuse } from '../../domain/validation';
import { publishTask } from '../shared/open-tasks';
import { signedOnly } from '../shared/actor-signature';
import { refuseOnError } from '../shared/refuse';
import type { TargetState } from '../shared/target-state';

/**
 * When no registry answers, the target is not failed: it hands the agent a manual-lookup task and waits
 * (until the deadline, or a withdrawal) for the record the agent found, validated like any input.
 * Resolves to the record, or undefined when the wait ended without one. `tasksPublished`: the workflow decided
 * before its lookup that it publishes its tasks (domain-seizure.ts, 'lookup-patches-first').
 */
export async function awaitManualLookup(state: TargetState, target: DomainTarget, reason: string, expireMs: number, interrupted: () => boolean, tasksPublished = false): Promise<RegistrationRecord | undefined> {
  const since = nowIso();
  state.status.task = { kind: 'manual-lookup', reason, since, dueBy: new Date(Date.parse(since) + expireMs).toISOString() };
  state.record(`manual lookup needed: ${reason}`);
  publishTask('manual-lookup', true, tasksPublished);
  let found: RegistrationRecord | undefined;

  const check = (actor: Actor, record: unknown) => {
    requireRole(actor, preparerRoles, 'entering a registration record');
    state.requireMember(actor, "enter this target's registration");
    if (!state.status.task || found) throw new TakedownError('WRONG_STATE', 'this target is not waiting for a manual lookup');
    return parseOrRefuse(manualRegistrationSchema, record, 'the registration record');
  };
  setHandler(provideRegistrationUpdate, ({ actor, record }) => {
    const entered = check(actor, record);
    found = {
      domain: target.domain, unicode: target.unicode, registry: entered.registry, registrar: entered.registrar,
      nameservers: entered.nameservers.map((ns) => ns.toLowerCase()), statuses: entered.statuses,
      events: entered.expires ? { expires: entered.expires } : {}, source: 'manual', raw: [], enteredBy: actor, foundAt: entered.foundAt,
    };
    state.record(`registration entered by hand (found at ${entered.foundAt})`, actor);
  }, { validator: signedOnly(provideRegistrationUpdate, ({ actor, record }) => refuseOnError(() => void check(actor, record))) });

  await condition(() => found !== undefined || interrupted(), expireMs);
  state.status.task = undefined;
  publishTask('manual-lookup', false, tasksPublished);
  return found;
}
