import type { Client, WorkflowClientInterceptor } from '@temporalio/client';
import { signActorMessage, type ActorSigningKey } from '../../actor-keys';
import { withWorkflowInterceptor } from './with-interceptor';

/**
 * The one place the API signs who acts: every Update it sends whose argument names an `actor` goes out
 * signed for that workflow and that Update (domain/signed-actor.ts), so routes build their Updates as
 * before and none can forget. Workflows refuse an unsigned one (workflows/shared/actor-signature.ts).
 */
export function actorSigningInterceptor(key: ActorSigningKey): WorkflowClientInterceptor {
  const sign = (workflowId: string, action: string, args: unknown[]) => {
    const [message, ...rest] = args;
    const carriesActor = typeof message === 'object' && message !== null && 'actor' in message;
    return carriesActor ? [signActorMessage(key, workflowId, action, message), ...rest] : args;
  };
  return {
    startUpdate: (input, next) => next({ ...input, args: sign(input.workflowExecution.workflowId, input.updateName, input.args) }),
    startUpdateWithStart: (input, next) => next({ ...input, updateArgs: sign(input.workflowStartOptions.workflowId, input.updateName, input.updateArgs) }),
  };
}

/** The same connection and namespace as `client`, with every actor it sends signed by `key`. */
export function withActorSigning(client: Client, key: ActorSigningKey): Client {
  return withWorkflowInterceptor(client, actorSigningInterceptor(key));
}
