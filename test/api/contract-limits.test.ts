import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { useApiTest } from './api-world';

// The contract accepts what the server accepts (issue 17, item 5): a value is judged by the schema the OpenAPI
// document at /docs/json gives, and sent to the real API over HTTP; both must say the same.

const t = useApiTest();
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
interface Operation {
  parameters: { name: string; schema: object }[];
  requestBody: { content: { 'application/json': { schema: object } } };
}
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  paths = (await t.api.call(null, { method: 'GET', url: '/docs/json' })).json().paths;
});
const parameter = (path: string, name: string) => ajv.compile(paths[path]!.get!.parameters.find((p) => p.name === name)!.schema);

const literal = 'at most 200 characters without quotes, backslashes or line breaks';

test.each([
  ['r'.repeat(200), true],
  ['r'.repeat(201), false],
  ['Names "R" Us', false],
  ["O'Brien Domains", false],
  ['back\\slash', false],
])('the registrar filter %#: the contract and the server agree (%s: accepted %s)', async (value, accepted) => {
  expect(parameter('/api/targets', 'registrar')(value)).toBe(accepted);
  const answer = await t.api.call('chen', { method: 'GET', url: `/api/targets?registrar=${encodeURIComponent(value)}` });
  expect(answer.statusCode).toBe(accepted ? 200 : 400);
  if (accepted) expect(answer.json()).toEqual({ targets: [] });
  else expect(answer.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { registrar: [literal] } });
});

test.each([
  ['SEIZED,FORFEITED', true],
  [`SEIZED,${'S'.repeat(201)}`, false],
  ['SEIZED,"x"', false],
])('a comma-separated filter %#: each value is held to the same rule by the contract and the server (accepted %s)', async (value, accepted) => {
  expect(parameter('/api/custody', 'stage')(value)).toBe(accepted);
  const answer = await t.api.call('chen', { method: 'GET', url: `/api/custody?stage=${encodeURIComponent(value)}` });
  expect(answer.statusCode).toBe(accepted ? 200 : 400);
  if (!accepted) expect(answer.json().error.fields.stage[0]).toContain(literal);
});

test('a manual registration without one of its four required fields is refused by the contract and the server alike', async () => {
  const body = ajv.compile(paths['/api/targets/{target}/registration']!.post!.requestBody.content['application/json'].schema);
  const record = {
    registry: { name: 'Guyana Registry (.gy)' }, registrar: { name: 'Caribbean Names Ltd.', abuseEmail: 'abuse@registrar.gy' },
    nameservers: ['ns1.host.gy'], foundAt: 'registry.gy web WHOIS',
  };
  for (const field of ['registry', 'registrar', 'nameservers', 'foundAt'] as const) {
    const { [field]: _left, ...missing } = record;
    expect(body({ record: missing })).toBe(false);
    const answer = await t.api.call('rivera', { method: 'POST', url: '/api/targets/nowhere-shop.gy/registration', payload: { record: missing } });
    expect(answer.statusCode).toBe(400);
    expect(Object.keys(answer.json().error.fields)).toEqual([`record.${field}`]);
  }
  // The whole record passes both; the server then answers for the target, which is not there.
  expect(body({ record })).toBe(true);
  const whole = await t.api.call('rivera', { method: 'POST', url: '/api/targets/nowhere-shop.gy/registration', payload: { record } });
  expect(whole.json().error.code).toBe('NOT_FOUND');
});
