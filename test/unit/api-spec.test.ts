import { errorCodes } from '../../domain/errors';
import { openDatabase } from '../../lib/store/database';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { storesOf, testIdentity, testSettings, unusedClient } from '../api/api-world';

// The contract the API publishes at /docs/json (app.swagger() is what that route answers), built without an engine.

interface Response {
  description: string;
  content?: Record<string, { schema?: { $ref?: string; required?: string[]; properties?: Record<string, unknown> } }>;
}
interface Operation {
  responses: Record<string, Response>;
  parameters?: unknown[];
  requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, { required?: string[] }> } }> };
  security?: unknown[];
  tags?: string[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties: { error: { properties: { code: { enum: string[] } } } } }> };
}

let app: Api;
let doc: Document;
beforeAll(async () => {
  const identity = await testIdentity();
  app = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused') });
  await app.ready();
  doc = app.swagger() as unknown as Document;
});
afterAll(async () => app?.close());

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));
const isPage = (op: Operation) => op.tags?.includes('acknowledgement') ?? false;

test('every operation declares its success status with its body, and no "Default Response"', () => {
  expect(operations().length).toBeGreaterThanOrEqual(70);
  for (const { name, op } of operations()) {
    const statuses = Object.keys(op.responses);
    expect({ name, defaults: Object.values(op.responses).filter((r) => r.description === 'Default Response').length }).toEqual({ name, defaults: 0 });
    const success = statuses.filter((s) => s.startsWith('2'));
    expect({ name, success: success.length > 0 }).toEqual({ name, success: true });
    for (const status of success.filter((s) => s !== '204')) expect({ name, status, body: Object.keys(op.responses[status]!.content ?? {}).length > 0 }).toEqual({ name, status, body: true });
  }
  expect(Object.keys(doc.paths['/api/cases']!.post!.responses)).toContain('201');
  expect(doc.paths['/api/cases']!.post!.responses['201']!.content!['application/json']!.schema!.required).toEqual(['caseId', 'workflowId']);
});

test('every refusal an operation lists has the one Error body, whose codes are the catalogue', () => {
  expect([...doc.components.schemas.Error!.properties.error.properties.code.enum].sort()).toEqual(Object.keys(errorCodes).sort());
  for (const { name, op } of operations()) {
    for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
      // The acknowledgement pages answer people, their refusals too, with pages.
      const schema = isPage(op) ? response.content?.['text/html']?.schema : response.content?.['application/json']?.schema;
      expect({ name, status, error: isPage(op) ? schema !== undefined : schema?.$ref }).toEqual({ name, status, error: isPage(op) ? true : '#/components/schemas/Error' });
    }
  }
});

test('every operation lists the refusals it can give: 500 everywhere, 401 and 403 when signed in, 400 with input, 413 with a body', () => {
  for (const { name, op } of operations()) {
    const statuses = Object.keys(op.responses);
    const expected = [
      '500',
      ...(op.security?.length === 0 ? [] : ['401']),
      ...(op.parameters?.length || op.requestBody ? ['400'] : []),
      ...(op.requestBody ? ['413'] : []),
    ];
    expect({ name, statuses }).toEqual({ name, statuses: expect.arrayContaining(expected) });
  }
  // A read of one case may find none; a change may come at the wrong step; a submission may come too often.
  expect(Object.keys(doc.paths['/api/cases/{caseId}']!.get!.responses)).toEqual(expect.arrayContaining(['404', '503']));
  expect(Object.keys(doc.paths['/api/cases/{caseId}/submit']!.post!.responses)).toEqual(expect.arrayContaining(['403', '404', '409']));
  expect(Object.keys(doc.paths['/api/leads']!.post!.responses)).toContain('429');
  expect(Object.keys(doc.paths['/ack/{token}']!.get!.responses)).toEqual(expect.arrayContaining(['410', '429']));
});

test("the manual registration's record is the domain's schema, with its four required fields", () => {
  const body = doc.paths['/api/targets/{target}/registration']!.post!.requestBody!.content['application/json']!.schema;
  expect(body.required).toEqual(['record']);
  expect(body.properties!.record!.required).toEqual(expect.arrayContaining(['registry', 'registrar', 'nameservers', 'foundAt']));
});
