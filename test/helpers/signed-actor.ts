import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { UpdateDefinition } from '@temporalio/common';
import { actorSigningKey, signActorMessage, type ActorSigningKey } from '../../src/actor-keys';
import { actorSigningInterceptor } from '../../src/api/temporal/actor-signing';
import { configSchema } from '../../src/config';
import { workflowBundleOptions } from '../../worker/workflow-bundle';

/**
 * The signed actor in tests. Test workers run bundles that accept the development key (as `npm start`
 * does), and the test environment's client signs every Update with it, as the API does: tests that drive
 * workflows directly act as the API would. A test of what an attacker can do uses unsignedClient().
 */
export const developmentActorKey: ActorSigningKey = actorSigningKey(configSchema.parse({}).TAKEDOWN_ACTOR_KEY);

/** Bundle options for test workers: the development public key, or the keys given (a rotation). */
export const testBundleOptions = (publicKeys: string[] = [developmentActorKey.publicKey]) => workflowBundleOptions(publicKeys);

/** The test environment client's interceptors: sign every actor with the development key. */
export const signingInterceptors = { workflow: [actorSigningInterceptor(developmentActorKey)] };

/** What a person with Temporal access but not the API's key holds: a plain client, no signature added. */
export const unsignedClient = (env: TestWorkflowEnvironment): Client => new Client({ connection: env.connection, namespace: env.namespace });

/** One Update's argument signed by `key` for `workflowId` and `update`: the helper for forging on purpose. */
export function signedFor<A extends object>(key: ActorSigningKey, workflowId: string, update: UpdateDefinition<unknown, [A], string> | { name: string }, message: A, at?: Date): A {
  return signActorMessage(key, workflowId, update.name, message, at);
}
