import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { signAckToken } from '../../lib/ack-token';
import { bundleWorkflows, connectTestEnv } from '../helpers/temporal';
import { linkSecret } from '../helpers/world';
import { releaseDomainUpdate } from '../../domain/custody';
import { casePackage, counsel } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { restoreFacts, seizedDomain, startCustody } from '../workflows/custody-helpers';
import { ackPathIn, formBody, formState } from './ack-form';
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

test("a release order's link answers to the domain's custody: the registry confirms there, and custody ends RELEASED once the registry shows the domain restored", async () => {
  const seized = seizedDomain(api.world);
  const custody = await startCustody(env, api.taskQueue, seized, { reverifyEvery: '1h', releaseCheckEvery: '200ms', releaseCheckMax: '1s' }, { restore: restoreFacts(seized) });
  await custody.executeUpdate(releaseDomainUpdate, { args: [{ actor: counsel, reason: 'claim granted' }] });
  const order = await waitFor('the release order', () => api.world.sink.messages.find((m) => m.envelope.to.includes('law-enforcement@verisign-registry.example') && m.parsed.text?.includes(seized.domain)));
  const ackPath = ackPathIn(order.parsed.text!);
  const page = await api.call(null, { method: 'GET', url: ackPath });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain(`${seized.caseId}/w1/release-custody-`);
  const { cookie, csrf } = formState(page);
  api.world.rdap.restore(seized.domain);
  const confirmed = await api.call(null, { method: 'POST', url: ackPath, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, kind: 'actioned', name: 'Verisign Law Enforcement Desk', reference: 'VRSN-LE-5521' }) });
  expect(confirmed.statusCode).toBe(200);
  const final = await custody.result();
  expect(final).toMatchObject({ state: 'RELEASED', acknowledgements: [expect.objectContaining({ kind: 'actioned', by: { name: 'Verisign Law Enforcement Desk' }, reference: 'VRSN-LE-5521' })] });
});
