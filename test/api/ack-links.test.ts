import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { signAckToken } from '../../activities/notices/ack-token';
import { casePackage } from '../helpers/case-fixtures';
import { bundleWorkflows, connectTestEnv } from '../helpers/temporal';
import { linkSecret } from '../helpers/world';
import { formBody } from './ack-form';
import { startApiWorld, type ApiWorld } from './api-world';
import { addShop, shopUrl } from './domains';
import { call } from './http';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let api: ApiWorld;
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflows()]);
  api = await startApiWorld(env, bundle, { ackRateLimit: 1000 });
});
afterAll(async () => {
  await api?.close();
  await env?.teardown();
});

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

test.each([
  ['a forged signature', () => `${signAckToken({ workflowId: 'case:X', noticeId: 'n', exp: inAnHour() }, linkSecret).split('.')[0]}.${Buffer.from('forged-signature-of-32-bytes-xxx').toString('base64url')}`, 400, 'This link is not valid'],
  ['another key', () => signAckToken({ workflowId: 'case:X', noticeId: 'n', exp: inAnHour() }, 'someone-elses-secret-0123456789'), 400, 'This link is not valid'],
  ['an expired link', () => signAckToken({ workflowId: 'case:X', noticeId: 'n', exp: Math.floor(Date.now() / 1000) - 60 }, linkSecret), 410, 'This link has expired'],
  ['a malformed link', () => 'aaaaaaaaaaaaaaaaaaaa', 400, 'This link is not valid'],
  ['a case that does not exist', () => signAckToken({ workflowId: 'case:NO-SUCH-CASE', noticeId: 'n', exp: inAnHour() }, linkSecret), 404, 'Case not found'],
])('%s gets a page that says so, for the page and the form', async (_name, token, status, title) => {
  const page = await api.call(null, { method: 'GET', url: `/ack/${token()}` });
  expect(page.statusCode).toBe(status);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.body).toContain(title);
  expect(page.body).not.toContain('<form');
  const posted = await api.call(null, { method: 'POST', url: `/ack/${token()}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: 'x', kind: 'received', name: 'Desk' }) });
  expect(posted.statusCode).toBeGreaterThanOrEqual(400);
});

test('a link to a notice the case never sent is refused; a form without its CSRF pair is refused', async () => {
  const pkg = casePackage([shopUrl(api.world, addShop(api.world))]);
  expect((await api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  const token = signAckToken({ workflowId: `case:${pkg.caseId}`, noticeId: `${pkg.caseId}/w9/registrar-x`, exp: inAnHour() }, linkSecret);
  const page = await api.call(null, { method: 'GET', url: `/ack/${token}` });
  expect(page.statusCode).toBe(404);
  expect(page.body).toContain('Notice not found');
  // No form cookie: the CSRF check refuses before anything is recorded.
  const forged = await api.call(null, { method: 'POST', url: `/ack/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: 'guess', kind: 'received', name: 'Desk' }) });
  expect(forged.statusCode).toBe(403);
  expect(forged.body).toContain('did not come from this site');
});

test('the acknowledgement pages are rate limited per client', async () => {
  const limited = await startApiWorld(env, bundle, { ackRateLimit: 2 });
  try {
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await call(limited.baseUrl, { method: 'GET', url: '/ack/aaaaaaaaaaaaaaaaaaaa' })).statusCode);
    expect(codes).toEqual([400, 400, 429, 429]);
  } finally {
    await limited.close();
  }
});

test('the form is validated first: a confirmation without a name is refused, naming the field', async () => {
  const token = signAckToken({ workflowId: 'case:NO-SUCH-CASE', noticeId: 'n', exp: inAnHour() }, linkSecret);
  const missing = await api.call(null, { method: 'POST', url: `/ack/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: 'x', kind: 'received', name: '' }) });
  expect(missing.statusCode).toBe(400);
  expect(missing.headers['content-type']).toContain('text/html');
  expect(missing.body).toContain('name: say who confirms');
});
