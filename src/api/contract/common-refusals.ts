import type { RouteOptions } from 'fastify';
import { refusal, type RefusalStatus } from './responses';

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The refusals every documented route shares, added to its `answers` as it is registered (an onRoute hook):
 * 400 where it takes input (parameters, a query, a body), 413 where it takes a body, 414 where a path parameter
 * can make its path too long, 429 where it is
 * rate-limited, and 500 everywhere (our own fault, logged). Routes hidden from the contract are left alone.
 */
export function addCommonRefusals(route: RouteOptions): void {
  const schema = route.schema as (Record<string, unknown> & { hide?: boolean; response?: Record<string, unknown> }) | undefined;
  if (!schema?.response || schema.hide) return;
  const methods = [route.method].flat();
  const takesBody = methods.some((method) => bodyMethods.has(method));
  const common: RefusalStatus[] = [
    ...(takesBody || schema.params || schema.querystring || schema.headers ? [400 as const] : []),
    ...(takesBody ? [413 as const] : []),
    // A path parameter can make the path longer than the API answers (contract/url-refusals.ts).
    ...(schema.params ? [414 as const] : []),
    ...(route.config && 'rateLimit' in route.config ? [429 as const] : []),
    500,
  ];
  const html = route.config?.html === true;
  schema.response = { ...Object.fromEntries(common.map((status) => [status, refusal(status, html)])), ...schema.response };
}
