import { log, patched, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { isRefusedPayload } from '../../domain/refused-payload';

/**
 * A signal that carries a payload the codec refused (domain/refused-payload.ts: sent to Temporal unencrypted or
 * with no key of ours, so by someone who reached Temporal without our keys) is dropped before any handler sees
 * it, and logged: a forged `targetWarrant`, `targetDecision` or `targetWithdraw` moves nothing, and the workflow
 * goes on as if it had not come. Only a production worker's codec refuses payloads, so elsewhere nothing changes.
 *
 * Updates need nothing here: every Update of ours is validated by signedOnly (workflows/shared/actor-signature.ts), which
 * refuses a refused payload (it carries no signature) before it is accepted. A query changes nothing.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [{
    // Not an async function: an extra promise around every signal's handler would move when handlers run
    // against the workflow's own awaits.
    handleSignal: (input, next) => {
      const refused = input.args.filter(isRefusedPayload);
      if (refused.length === 0) return next(input);
      // Executions that took such a signal before the refusal existed replay it as they took it.
      if (!patched('refuse-unreadable-signals')) return next({ ...input, args: input.args.map((arg) => (isRefusedPayload(arg) ? arg.original : arg)) });
      log.warn(`signal ${input.signalName} ignored: its payload was not sent by Takedown (${refused.map((r) => r.takedownRefusedPayload).join('; ')})`, { signal: input.signalName, refusedPayload: true });
      return Promise.resolve();
    },
  }],
});
