import fc from 'fast-check';
import { errorCodes } from '../../domain/errors';
import { useApiTest, type Username } from '../api/api-world';
import type { CallResult } from '../api/http';
import { anyText } from './arbitraries';
import { fuzzParameters, fuzzRuns } from './fuzz-settings';
import { schemaArbitrary, type JsonSchema } from './schema-arbitrary';

// Every API route that takes a body, walked from the OpenAPI document the API serves (/docs/json), so a new
// route is fuzzed without being listed here. Each gets generated bodies (shaped by its schema with junk at
// any depth, prototype keys, Unicode and huge strings, or malformed JSON) through the real API over HTTP,
// with a real worker on the Temporal dev server behind it. Properties: never a 5xx, every refusal a code
// of the one catalogue with a message (and, for a validation failure, the fields), every answer in time,
// and the process unharmed afterwards.

const t = useApiTest();

/**
 * Each route gets a tenth of TAKEDOWN_FUZZ_RUNS: 100 bodies per route in `npm test` (about 2,600 requests
 * through the real API, half a minute), 1,000 per route under `npm run fuzz`.
 */
const routeShare = 0.1;

interface Route {
  method: string;
  /** The OpenAPI path, e.g. `/api/cases/{caseId}/decision`. */
  path: string;
  params: { name: string; schema: JsonSchema }[];
  body: JsonSchema;
  /** Only the embedded identity provider's and the public acknowledgement routes need no token. */
  public: boolean;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

async function bodyRoutes(): Promise<Route[]> {
  const doc = (await t.api.call(null, { method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
  return Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations).flatMap(([method, op]) => {
    const body = op.requestBody?.content?.['application/json']?.schema;
    if (!body) return [];
    const params = (op.parameters ?? []).filter((p) => p.in === 'path').map(({ name, schema }) => ({ name, schema }));
    return [{ method: method.toUpperCase(), path, params, body, public: Array.isArray(op.security) && op.security.length === 0 }];
  }));
}

const users: Username[] = ['chen', 'rivera', 'okafor', 'patel', 'lindqvist'];
const refusedForWho = new Set(['UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'FORBIDDEN']);

/** A lone surrogate cannot be percent-encoded as UTF-8; it goes as the bytes of a malformed one (%ED%A0%80), which is what a client could send. */
const encodeParam = (value: string) => value.split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/).map((part, i) => (i % 2 ? '%ED%A0%80' : encodeURIComponent(part))).join('');
const urlOf = (route: Route, values: string[]) => route.params.reduce((url, p, i) => url.replace(`{${p.name}}`, encodeParam(values[i]!)), route.path);

/** The first seeded user whose role may use the route, so bodies get past authorisation to validation. */
async function userFor(route: Route, sampleUrl: string): Promise<Username | null> {
  if (route.public) return null;
  for (const user of users) {
    const answer = await t.api.call(user, { method: route.method, url: sampleUrl, payload: '{}', headers: { 'content-type': 'application/json' } });
    if (!refusedForWho.has(answer.json<{ error?: { code: string } }>().error?.code ?? '')) return user;
  }
  return 'chen';
}

/** What a request body can be: shaped by the schema with junk in it, or not JSON at all. */
const payloadFor = (route: Route) => fc.oneof(
  { weight: 5, arbitrary: schemaArbitrary(route.body).map((body) => JSON.stringify(body) ?? 'null') },
  // Without junk, most bodies pass the schema and reach the route's own checks, the workflow's validators and Temporal.
  { weight: 5, arbitrary: schemaArbitrary(route.body, false).map((body) => JSON.stringify(body) ?? 'null') },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '[]', 'null', '"x"', '{"a":1,"a":2}', '\uFEFF{}') },
);
/** Path parameters: mostly what their schema accepts (so the body is what is tried), sometimes anything. */
const paramFor = (schema: JsonSchema) => fc.oneof({ weight: 6, arbitrary: schemaArbitrary({ ...schema, type: 'string' }).map((v) => (typeof v === 'string' && v ? v : 'x')) }, { weight: 1, arbitrary: anyText.filter((s) => s.length > 0 && s.length < 300) });

/** A row refused inside a successful answer (an import's report, say) also names a catalogue code. */
function foreignRowCode(answer: CallResult): string | undefined {
  if (!answer.headers['content-type']?.startsWith('application/json')) return undefined;
  const codes: unknown[] = [];
  JSON.parse(answer.body, (key, value: unknown) => {
    if (key === 'error' && value && typeof value === 'object' && 'code' in value) codes.push((value as { code: unknown }).code);
    return value;
  });
  const foreign = codes.find((code) => typeof code !== 'string' || !Object.hasOwn(errorCodes, code));
  return foreign === undefined ? undefined : `a row refused with ${JSON.stringify(foreign)}, not a catalogue code: ${answer.body.slice(0, 300)}`;
}

/** Why an answer breaks the properties, or undefined when it keeps them. */
function problemWith(answer: CallResult): string | undefined {
  if (answer.statusCode >= 500) return `answered ${answer.statusCode}: ${answer.body.slice(0, 500)}`;
  if (answer.statusCode < 400) return foreignRowCode(answer);
  // The acknowledgement pages answer people with HTML pages, errors included.
  if (answer.headers['content-type']?.startsWith('text/html')) return undefined;
  let error: { code?: unknown; message?: unknown; fields?: Record<string, unknown> } | undefined;
  try {
    error = answer.json<{ error?: typeof error }>().error;
  } catch {
    return `answered ${answer.statusCode} with a body that is not JSON: ${answer.body.slice(0, 200)}`;
  }
  if (!error || typeof error.code !== 'string' || !Object.hasOwn(errorCodes, error.code)) return `refusal without a catalogue code: ${answer.body.slice(0, 300)}`;
  if (typeof error.message !== 'string' || error.message.length < 5) return `refusal ${error.code} without a message`;
  if (error.fields !== undefined) {
    for (const [field, messages] of Object.entries(error.fields)) {
      if (!field || !Array.isArray(messages) || messages.length === 0 || messages.some((m) => typeof m !== 'string' || !m)) return `field ${JSON.stringify(field)} without what is accepted: ${answer.body.slice(0, 300)}`;
    }
  }
  // A refused body names its fields, unless it could not be read as JSON at all.
  if (error.code === 'VALIDATION_FAILED' && !error.fields && !/malformed|send JSON|JSON/i.test(error.message)) return `VALIDATION_FAILED without fields: ${error.message}`;
  return undefined;
}

test('every API body route is fuzzed: no 5xx, every refusal a named error with its fields, every answer in time', async () => {
  const routes = await bodyRoutes();
  // The walk found the routes (a broken walk would fuzz nothing and pass).
  expect(routes.length).toBeGreaterThanOrEqual(20);
  expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /api/cases', 'POST /api/operations', 'POST /api/cases/{caseId}/decision', 'POST /api/cases/{caseId}/targets/import', 'POST /api/custody/{domain}/release']));
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const answered = new Map<string, Map<number, number>>();

  for (const route of routes) {
    const sample = fc.sample(fc.tuple(...route.params.map((p) => paramFor(p.schema))), { numRuns: 1, seed: 1 })[0] ?? [];
    const user = await userFor(route, urlOf(route, sample as string[]));
    const statuses = new Map<number, number>();
    answered.set(`${route.method} ${route.path}`, statuses);
    await fc.assert(fc.asyncProperty(fc.tuple(...route.params.map((p) => paramFor(p.schema))), payloadFor(route), async (params, payload) => {
      const url = urlOf(route, params as string[]);
      const answer = await t.api.call(user, { method: route.method, url, payload, headers: { 'content-type': 'application/json' } });
      statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
      const problem = problemWith(answer);
      if (problem) throw new Error(`${problem}; from ${route.method} ${url.length > 200 ? `${url.slice(0, 200)}… (${url.length} characters)` : url} as ${user ?? "anonymous"}`);
    }), { ...fuzzParameters(routeShare), timeout: 15_000 });
  }

  // Nothing a body held reached the prototype of every object, and the API still answers.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((await t.api.call(null, { method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  // Bodies got past the first check on most routes: some answers are not the schema's 400.
  const past400 = [...answered.values()].filter((statuses) => [...statuses.keys()].some((s) => s !== 400)).length;
  expect(past400).toBeGreaterThan(routes.length / 2);
  console.log(`fuzzed ${routes.length} body routes × ${Math.round(fuzzRuns() * routeShare)} runs; answers by status:\n${[...answered].map(([route, s]) => `  ${route}: ${[...s].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ')}`).join('\n')}`);
}, 30 * 60_000);
