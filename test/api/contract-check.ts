import type { Api } from '../../src/api/types';

/**
 * The contract check of the API tests: every answer an API gives in a test file (method, route pattern, status) is
 * recorded, and when the file's API closes, each is looked up in the contract the API serves at /docs/json. An
 * answer whose status the operation does not document fails the file; routes hidden from the contract (the web
 * pages, /docs itself) are not judged. Each test file checks its own API, so jest's parallel workers share nothing.
 */
export function watchAnswers(app: Api): Set<string> {
  const seen = new Set<string>();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || request.is404) return;
    // HEAD is answered by the GET route (fastify's exposeHeadRoutes); the contract lists the GET.
    seen.add(`${request.method === 'HEAD' ? 'GET' : request.method} ${route} ${reply.statusCode}`);
  });
  return seen;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

/** The recorded answers the document does not list, and how many answers were judged at all. */
export function undocumentedAnswers(doc: OpenApiDocument, seen: Iterable<string>): { undocumented: string[]; judged: number } {
  let judged = 0;
  const undocumented = [...seen].filter((answer) => {
    const [method = '', route = '', status = ''] = answer.split(' ');
    const operation = doc.paths[route.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    if (!operation) return false;
    judged += 1;
    return !Object.hasOwn(operation.responses ?? {}, status);
  });
  return { undocumented: undocumented.sort(), judged };
}

/** Fails when an answer of this API is not in its contract, walked from the document it serves at /docs/json. */
export async function checkAnswers(baseUrl: string, seen: Set<string>): Promise<void> {
  const doc = (await (await fetch(`${baseUrl}/docs/json`)).json()) as OpenApiDocument;
  const { undocumented, judged } = undocumentedAnswers(doc, seen);
  if (undocumented.length) throw new Error(`answers the contract (/docs/json) does not document: ${undocumented.join('; ')}`);
  const apiAnswers = [...seen].filter((answer) => answer.split(' ')[1]?.startsWith('/api/')).length;
  if (apiAnswers > 0 && judged === 0) throw new Error(`none of ${apiAnswers} API answers was found in /docs/json: the walk is broken`);
}

/** An API listening on loopback with its answers watched; `close` checks them against its contract, then closes it. */
export async function listenWatched(app: Api): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const seen = watchAnswers(app);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    async close() {
      try {
        await checkAnswers(baseUrl, seen);
      } finally {
        await app.close();
      }
    },
  };
}
