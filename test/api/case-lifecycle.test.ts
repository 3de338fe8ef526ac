import type { CaseStatusView } from '../../domain/case-view';
import type { TargetStatus } from '../../domain/target';
import { casePackage, warrantFor } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { seizureNameservers } from '../helpers/world';
import { ackPathIn, formBody, formState } from './ack-form';
import { createHitCounter } from '../../src/banner/hits';
import { createTipStore } from '../../src/banner/tips';
import { fastClocks, useApiTest } from './api-world';
import { addShop, shopUrl } from './domains';

const t = useApiTest();

const caseOf = async (caseId: string): Promise<CaseStatusView> => (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json();

test('a case through the API: open, submit, approve, warrant, notice, acknowledgement from the link, verification, listed, counted, exported', async () => {
  const domain = addShop(t.api.world);
  const pkg = casePackage([shopUrl(t.api.world, domain)]);

  // The agent opens the case; the actor comes from the token (an actor in the body is ignored).
  const opened = await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: { ...pkg, openedBy: { id: 'someone-else', name: 'X', role: 'counsel' }, settings: fastClocks } });
  expect(opened.statusCode).toBe(201);
  expect(opened.json()).toEqual({ caseId: pkg.caseId, workflowId: `case:${pkg.caseId}` });
  await waitFor('the target waiting for legal review', async () => (await caseOf(pkg.caseId)).targets[0]?.stage === 'LEGAL_REVIEW');
  expect((await caseOf(pkg.caseId)).openedBy).toEqual({ id: 'rivera', name: 'Special Agent Dana Rivera', role: 'agent', team: 'miami-ipr' });

  // The same case ID cannot be opened twice.
  const again = await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg });
  expect(again.statusCode).toBe(409);
  expect(again.json().error.code).toBe('CASE_EXISTS');

  const submitted = await t.api.call('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/submit` });
  expect(submitted.statusCode).toBe(200);
  expect(submitted.json()).toMatchObject({ round: 1, packageVersion: 1, workflowId: `case:${pkg.caseId}:review:1` });

  // A stale version is refused by the review workflow's validator, mapped to its catalogue status.
  const stale = await t.api.call('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/decision`, payload: { decision: 'approve', packageVersion: 7 } });
  expect(stale.statusCode).toBe(409);
  expect(stale.json().error.code).toBe('STALE_VERSION');

  const decided = await t.api.call('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/decision`, payload: { decision: 'approve', packageVersion: 1 } });
  expect(decided.statusCode).toBe(200);
  expect(decided.json()).toMatchObject({ round: 1, decision: { decision: 'approve' }, actor: { id: 'okafor', role: 'counsel' } });
  await waitFor('the case awaiting its warrant', async () => (await caseOf(pkg.caseId)).stage === 'AWAITING_WARRANT');

  const warrant = await t.api.call('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/warrants`, payload: warrantFor([domain]) });
  expect(warrant.statusCode).toBe(201);
  expect(warrant.json()).toMatchObject({ warrantId: 'w1', actor: { id: 'okafor' } });

  // The registrar's notice arrives with its signed link; the recipient confirms through the public page.
  const mail = await waitFor('the registrar notice', () => t.api.world.sink.messages.find((m) => m.envelope.to.includes('abuse@example-registrar.example') && m.parsed.text?.includes(domain)));
  const ackPath = ackPathIn(mail.parsed.text!);
  const page = await t.api.call(null, { method: 'GET', url: ackPath });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.headers['referrer-policy']).toBe('no-referrer');
  expect(page.body).toContain(domain);
  const { cookie, csrf } = formState(page);
  const post = (fields: Record<string, string>) => t.api.call(null, { method: 'POST', url: ackPath, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, ...fields }) });
  const confirmed = await post({ kind: 'actioned', name: 'Abuse Desk', email: 'abuse@example-registrar.example', reference: 'TKT-1', comment: 'locked' });
  expect(confirmed.statusCode).toBe(200);
  expect(confirmed.body).toContain('Thank you');
  const reused = await post({ kind: 'actioned', name: 'Abuse Desk' });
  expect(reused.statusCode).toBe(409);
  expect(reused.body).toContain('Already confirmed');
  const receipt = await post({ kind: 'received', name: 'Abuse Desk' });
  expect(receipt.statusCode).toBe(200);
  await waitFor('both acknowledgements recorded', async () => (await caseOf(pkg.caseId)).acknowledgements.length === 2);

  // The registry executes; the target moves to verification (and to SEIZED once the banner serves it).
  t.api.world.rdap.seize(domain, seizureNameservers);
  const moved = ['VERIFICATION', 'SEIZED'];
  const target: TargetStatus = await waitFor('verification at the registry', async () => { const s: TargetStatus = (await t.api.call('patel', { method: 'GET', url: `/api/targets/${domain}` })).json(); return moved.includes(s.stage) && s; });
  expect(target.timeline.map((e) => e.actor.id)).toEqual(expect.arrayContaining(['rivera', 'okafor', 'abuse@example-registrar.example', 'system']));
  expect((await t.api.call('patel', { method: 'GET', url: `/api/targets/domain:${domain}` })).json().workflowId).toBe(`domain:${domain}`);

  // Visibility: listed by stage, case and registrar; counted in the metrics; exported.
  const listed = await waitFor('listed past compliance', async () => {
    const rows = (await t.api.call('patel', { method: 'GET', url: `/api/targets?stage=${moved.join(',')}&case=${pkg.caseId}` })).json().targets;
    return rows.length === 1 && rows;
  });
  expect(listed[0]).toMatchObject({ key: domain, caseId: pkg.caseId, registrar: 'Example Registrar, Inc.', registry: 'VeriSign Global Registry Services', tld: 'com', kind: 'domain' });
  expect((await t.api.call('patel', { method: 'GET', url: `/api/targets?registrar=${encodeURIComponent('Example Registrar, Inc.')}&case=${pkg.caseId}` })).json().targets).toHaveLength(1);
  expect((await t.api.call('patel', { method: 'GET', url: `/api/targets?stage=LOOKUP&case=${pkg.caseId}` })).json().targets).toHaveLength(0);

  const metrics = (await t.api.call('patel', { method: 'GET', url: `/api/metrics?case=${pkg.caseId}` })).json();
  expect(metrics.targets.total).toBe(1);
  expect(metrics.cases).toMatchObject({ total: 1, byStage: { EXECUTING: 1 }, unreadable: 0 });
  expect(metrics.responseTimes).toEqual(expect.arrayContaining([expect.objectContaining({ party: 'registrar', name: 'Example Registrar, Inc.', notices: 1, acknowledged: 1, breaches: 0 })]));

  // The banner server counts hits and keeps tips in the shared database; the metrics and the tips list read them.
  const hits = createHitCounter(t.api.db);
  for (let i = 0; i < 3; i++) hits.count(domain, new Date());
  createTipStore(t.api.db).add({ domain, caseRef: pkg.caseId, receivedAt: new Date().toISOString(), message: 'The same seller moved to a new shop.', contact: 'tipster@example.org', clientHash: 'a1b2' });
  const reach = (await t.api.call('patel', { method: 'GET', url: `/api/metrics?case=${pkg.caseId}` })).json().banner;
  expect(reach).toEqual({ hits: 3, tips: 1, domains: [expect.objectContaining({ domain, hits: 3, tips: 1 })] });
  const tips = (await t.api.call('chen', { method: 'GET', url: `/api/tips?domain=${domain}` })).json().tips;
  expect(tips).toEqual([expect.objectContaining({ domain, caseRef: pkg.caseId, message: 'The same seller moved to a new shop.', contact: 'tipster@example.org' })]);
  expect(tips[0]).not.toHaveProperty('clientHash');
  expect((await t.api.call('rivera', { method: 'GET', url: '/api/tips' })).statusCode).toBe(403);

  const csv = await t.api.call('patel', { method: 'GET', url: `/api/report?format=csv&case=${pkg.caseId}` });
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.body.split('\r\n')[0]).toBe('workflowId,key,kind,caseId,operationId,stage,registrar,registry,tld,platform,deadlineState,deadlineAt,startedAt,closedAt,custodyStage,custodyDeadlineState,custodyDeadlineAt');
  expect(csv.body).toContain(`domain:${domain},${domain},domain,${pkg.caseId},,`);
  expect(csv.body).toContain('"Example Registrar, Inc.",VeriSign Global Registry Services,com');
}, 120_000);
