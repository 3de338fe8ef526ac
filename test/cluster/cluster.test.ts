import fs from 'node:fs';
import { Connection } from '@temporalio/client';
import type { CaseStatusView } from '../../domain/case-view';
import { workflowIds } from '../../domain/ids';
import type { TargetStatus } from '../../domain/target';
import { milestones } from '../../bench/phases';
import { acknowledgeNotices } from '../../bench/pipeline/acknowledge';
import { driveCase } from '../../bench/pipeline/drive-case';
import { fastClocks } from '../api/api-world';
import { registerDomains } from '../helpers/case-actions';
import { casePackage, warrantFor } from '../helpers/case-fixtures';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { fastClocks as profileClocks, platformHosts } from '../workflows/profile-world';
import { startClusterWorld, type ClusterWorld } from './cluster-under-test';

/**
 * The system on Temporal's own server on PostgreSQL (mTLS to the frontend, encrypted payloads, two worker
 * processes), driven through the API as people drive it. The cluster is started by test/cluster/global-setup.ts.
 */
let c: ClusterWorld;
beforeAll(async () => { c = await startClusterWorld(); }, 300_000);
afterAll(() => c?.close());

const evidenceSummary = casePackage(['http://x.example/']).evidence.summary;
const docket = warrantFor([]).docket;

/** Opens a case of `count` domains through the API and returns it. */
async function openDomainCase(count: number) {
  const domains = registerDomains(c.world, count);
  const pkg = casePackage(domains.map((d) => `http://${d}:${c.world.shop.port}/`));
  await c.api.ok('rivera', { method: 'POST', url: '/api/cases', payload: { ...pkg, settings: fastClocks } });
  return { pkg, domains };
}

const caseStatus = async (caseId: string) => c.api.ok<CaseStatusView>('rivera', { method: 'GET', url: `/api/cases/${caseId}` });

test('the frontend speaks mTLS only: a client without a certificate of the cluster\'s CA, or without TLS, is refused', async () => {
  const { address, tlsEnv } = c.cluster;
  const serverTls = { serverRootCACertificate: fs.readFileSync(tlsEnv.TAKEDOWN_TEMPORAL_TLS_CA), serverNameOverride: tlsEnv.TAKEDOWN_TEMPORAL_TLS_SERVER_NAME };
  const ask = async (tls: object | undefined) => {
    const connection = await Connection.connect({ address, ...(tls ? { tls } : {}), connectTimeout: 5000 });
    try { return await connection.workflowService.getSystemInfo({}); } finally { await connection.close(); }
  };
  await expect(ask(serverTls)).rejects.toThrow();
  await expect(ask(undefined)).rejects.toThrow();
  // The same with the client certificate our processes get: answered.
  const clientCertPair = { crt: fs.readFileSync(tlsEnv.TAKEDOWN_TEMPORAL_TLS_CERT), key: fs.readFileSync(tlsEnv.TAKEDOWN_TEMPORAL_TLS_KEY) };
  expect((await ask({ ...serverTls, clientCertPair })).serverVersion).toBe('1.29.1');
});

test('a domain case on the cluster: open → review → warrant → notices → acknowledgements → every target SEIZED', async () => {
  const { pkg, domains } = await openDomainCase(2);
  await driveCase(c.api, c.world, pkg.caseId, domains, milestones([pkg.caseId]), 500);

  const closed = await caseStatus(pkg.caseId);
  expect(closed.stage).toBe('CLOSED');
  expect(closed.targets.map((t) => t.stage)).toEqual(['SEIZED', 'SEIZED']);
  // The registry's order and the registrar's notice went out by mail and the seized domains are on the banner.
  const subjects = c.world.sink.messages.filter((m) => domains.some((d) => m.parsed.text?.includes(d))).map((m) => m.parsed.subject);
  expect(subjects.length).toBeGreaterThanOrEqual(2);
  for (const domain of domains) expect(c.world.banner.allowList.get(domain)).toBeDefined();

  // The engine holds only ciphertext: the case's input as stored, read without the codec, is encrypted with the cluster's key.
  const history = await c.client.workflow.getHandle(workflowIds.case(pkg.caseId)).fetchHistory();
  const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');
  expect(Buffer.from(input.data!).includes(pkg.caseId)).toBe(false);
});

test('a profile takedown on the cluster: the marketplace seller from the pasted link to REMOVED', async () => {
  const seller = unique('replica-king-');
  const path = `/usr/${seller}`;
  c.world.site.live(platformHosts.marketplace, path);
  const key = `marketplace:ebay/usr/${seller}`;
  const pkg = casePackage([c.world.site.link(platformHosts.marketplace, path)], { requestedActions: ['takedown'] });
  await c.api.ok('rivera', { method: 'POST', url: '/api/cases', payload: { ...pkg, settings: profileClocks } });
  // Asked for by the profile's canonical link, as a person would paste it (the target's key is not a link).
  const target = () => c.api.ok<TargetStatus>('rivera', { method: 'GET', url: `/api/targets/${encodeURIComponent(`https://www.ebay.com/usr/${seller}`)}` });

  await waitFor('the profile at LEGAL_REVIEW', async () => { const t = await target(); if (t.stage !== 'LEGAL_REVIEW') throw new Error(`at ${t.stage}`); return true; }, 120_000);
  await c.api.ok('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/submit` });
  const { packageVersion } = await caseStatus(pkg.caseId);
  await c.api.ok('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/decision`, payload: { decision: 'approve', packageVersion } });
  await waitFor('the case awaiting its warrant', async () => (await caseStatus(pkg.caseId)).stage === 'AWAITING_WARRANT', 60_000);
  await c.api.ok('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/warrants`, payload: warrantFor([key]) });

  // The platform's law-enforcement desk gets the request, confirms through its link and takes the seller down.
  const request = await waitFor('the platform request', async () => (await caseStatus(pkg.caseId)).notices.find((n) => n.kind === 'platform-request'), 120_000);
  await acknowledgeNotices(c.api, c.world.sink, [request]);
  c.world.site.remove(platformHosts.marketplace, path, { status: 404 });

  const removed = await waitFor('the profile REMOVED', async () => { const t = await target(); if (t.stage !== 'REMOVED') throw new Error(`at ${t.stage}`); return t; }, 120_000);
  expect(removed.workflowId).toBe(`profile:${key}`);
  expect(removed.verifications.at(-1)).toMatchObject({ verified: true });
  expect(removed.acknowledgements).toEqual([expect.objectContaining({ noticeId: request.noticeId })]);
});

test('PostgreSQL holds no warrant docket and no evidence summary in plaintext, in any table of either database', async () => {
  // After the two cases above, whose warrants and evidence went through every stage.
  const dumps = ['temporal', 'temporal_visibility'].map((db) => c.postgres('pg_dump', ['--data-only', '-d', db]));
  const all = dumps.join('\n');
  const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
  // The dump is what it should be: the histories are there (bytea, shown as hex) with what is stored unencrypted,
  // the workflow types and the search attributes a coordinator filters on.
  expect(all).toContain(hex('caseWorkflow'));
  expect(all).toMatch(/Keyword\d*|CaseId/);
  for (const secret of [docket, evidenceSummary, 'Hon. Miriam Castell']) {
    expect(all).not.toContain(secret);
    expect(all).not.toContain(hex(secret));
  }
});

test('a worker SIGKILLed in the middle of a case: the other worker finishes it, to every target SEIZED', async () => {
  const { pkg, domains } = await openDomainCase(2);
  const caseHandle = c.client.workflow.getHandle(workflowIds.case(pkg.caseId));
  await waitFor('the targets at LEGAL_REVIEW', async () => { const s = await caseStatus(pkg.caseId); return s.targets.length === 2 && s.targets.every((t) => t.stage === 'LEGAL_REVIEW'); }, 120_000);

  // The worker that completed the case's latest workflow task holds it in its cache: that one dies.
  const identities = async () => (await caseHandle.fetchHistory()).events!.flatMap((e) => (e.workflowTaskCompletedEventAttributes?.identity ? [e.workflowTaskCompletedEventAttributes.identity] : []));
  const before = await identities();
  const holder = c.workers.find((w) => before.at(-1)?.startsWith(`${w.pid}@`));
  expect(holder).toBeDefined();
  const other = c.workers.find((w) => w !== holder)!;
  expect(holder!.kill()).toBe(true);

  await driveCase(c.api, c.world, pkg.caseId, domains, milestones([pkg.caseId]), 500);
  expect((await caseStatus(pkg.caseId)).targets.map((t) => t.stage)).toEqual(['SEIZED', 'SEIZED']);
  const after = (await identities()).slice(before.length);
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((identity) => identity.startsWith(`${other.pid}@`))).toBe(true);
});
