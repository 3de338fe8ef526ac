import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { workflowIds } from '../../domain/ids';
import { caseStatusQuery } from '../../domain/case';
import { targetStatusQuery } from '../../domain/target';
import { caseWorkflow } from '../../workflows/case/case';
import { registerDomains, targetsAt } from '../helpers/case-actions';
import { agent, casePackage } from '../helpers/case-fixtures';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { startWorld } from '../helpers/world';

const t = useWorkflowTest(startWorld);

/**
 * The case's evidence step against what a suspect controls: its pasted link (credentials, redirects) and
 * its DNS. Only the test shop's own 127.0.0.1 port is allow-listed (as only tests do); an "internal"
 * service on another 127.0.0.1 port stands for our own network, and 169.254.169.254 for the cloud's
 * metadata service.
 */
test('a redirect to 127.0.0.1 or 169.254.169.254 is refused and recorded as refused, never as a capture; credentials never leave', async () => {
  const internalRequests: string[] = [];
  const internal = http.createServer((request, response) => { internalRequests.push(request.url ?? ''); response.end('{"AccessKeyId":"internal-secret"}'); });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  const internalPort = (internal.address() as AddressInfo).port;
  const [toLoopback, toMetadata, clean] = registerDomains(t.world, 3) as [string, string, string];
  // The suspects' own names for our network and the metadata service, on their own domains (so in scope).
  t.world.dns.set(`admin.${toLoopback}`, { A: ['127.0.0.1'] });
  t.world.dns.set(`meta.${toMetadata}`, { A: ['169.254.169.254'] });
  t.world.shop.redirect('/to-admin', `http://admin.${toLoopback}:${internalPort}/admin`);
  t.world.shop.redirect('/to-metadata', `http://meta.${toMetadata}/latest/meta-data/iam/security-credentials/`);
  const shop = (domain: string, path: string, credentials = '') => `http://${credentials}${domain}:${t.world.shop.port}${path}`;
  const pkg = casePackage([shop(toLoopback, '/to-admin'), shop(toMetadata, '/to-metadata'), shop(clean, '/catalogue', 'agent:hunter2@')]);
  try {
    await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
      const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent }] });
      await targetsAt(handle, 'LEGAL_REVIEW');
      const target = (domain: string) => t.env.client.workflow.getHandle(`domain:${domain}`).query(targetStatusQuery);

      for (const [domain, why] of [[toLoopback, `admin.${toLoopback} resolves to 127.0.0.1; 127.0.0.1 is not a public address: loopback`], [toMetadata, `meta.${toMetadata} resolves to 169.254.169.254; 169.254.169.254 is not a public address: link-local`]] as const) {
        const status = await target(domain);
        expect(status.evidence).toHaveLength(1);
        expect(status.evidence[0]).toMatchObject({ status: 0, bytes: 0, failure: { kind: 'refused', reason: expect.stringContaining(why) } });
        expect(status.evidence[0]!.bodySha256).toBeUndefined();
        expect(status.timeline.map((e) => e.action)).toContainEqual(expect.stringMatching(/^evidence capture failed, nothing captured: .* → refused: redirect to /));
        expect(status.timeline.some((e) => e.action.startsWith('evidence captured'))).toBe(false);
      }
      expect(internalRequests).toEqual([]);

      // The pasted link's credentials are dropped before the workflow keeps it, and never sent to the site.
      const cleanStatus = await target(clean);
      expect(cleanStatus.evidence[0]).toMatchObject({ url: shop(clean, '/catalogue'), status: 200, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(JSON.stringify(cleanStatus.evidence)).not.toContain('hunter2');
      expect(t.world.shop.requests.filter((r) => r.path === '/catalogue')).toEqual([expect.not.objectContaining({ authorization: expect.anything() })]);

      // Counsel's package names both failures and what they were (the case's page carries its findings).
      const { findings } = await handle.query(caseStatusQuery);
      expect(findings.failedEvidence.map((f) => [f.target, f.kind])).toEqual([[toLoopback, 'refused'], [toMetadata, 'refused']]);
      expect(findings.withoutEvidence).toEqual([toLoopback, toMetadata]);
      await handle.terminate('test over');
      await Promise.all([toLoopback, toMetadata, clean].map((d) => t.env.client.workflow.getHandle(`domain:${d}`).terminate('test over')));
    });
  } finally {
    await new Promise((resolve) => internal.close(resolve));
  }
});
