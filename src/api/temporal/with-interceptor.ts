import { Client, type WorkflowClientInterceptor } from '@temporalio/client';

/** The same connection, namespace and converter as `client`, with one more workflow interceptor after its own. */
export function withWorkflowInterceptor(client: Client, interceptor: WorkflowClientInterceptor): Client {
  const { namespace, identity, dataConverter, interceptors } = client.options;
  const workflow = Array.isArray(interceptors.workflow) ? interceptors.workflow : [];
  return new Client({ connection: client.connection, namespace, identity, dataConverter, interceptors: { ...interceptors, workflow: [...workflow, interceptor] } });
}
