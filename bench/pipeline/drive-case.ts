import type { CaseStatusView as CaseStatus } from '../../domain/case-view';
import { openingStages } from '../../domain/stages';
import { warrantFor } from '../../test/helpers/case-fixtures';
import { seizureNameservers, type World } from '../../test/helpers/world';
import { until, type Milestones } from '../phases';
import { acknowledgeNotices, answeredKinds } from './acknowledge';
import type { BenchApi } from './api';


/**
 * One case through the seizure, through the API as people do it: once its targets wait at legal review,
 * the agent submits, counsel approves and records the warrant; the notices go out; the registry executes
 * and the recipients acknowledge from their links; done when the case closed with every target SEIZED.
 * `opened`, for an operation's case, waits until the operation's page shows the case opened (one read for
 * every case, as the coordinator watches it) before the case's own page is read.
 */
export async function driveCase(api: BenchApi, world: World, caseId: string, domains: string[], marks: Milestones, pollMs: number, opened?: () => Promise<void>): Promise<void> {
  const status = async (): Promise<CaseStatus | undefined> => {
    const r = await api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` });
    if (r.statusCode === 404) return undefined; // an operation's case not started yet
    // A busy engine may not answer a query in time (503 ENGINE_UNAVAILABLE): a person would reload; so does the driver.
    if (r.statusCode === 503) { await new Promise((resolve) => setTimeout(resolve, 1000)); return status(); }
    if (r.statusCode !== 200) throw new Error(`GET /api/cases/${caseId}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r.json<CaseStatus>();
  };

  await opened?.();
  const open = await until(async () => {
    const s = await status();
    if (!s || s.targets.length < domains.length) return undefined;
    const stray = s.targets.filter((t) => !openingStages.includes(t.stage) && t.stage !== 'LEGAL_REVIEW');
    if (stray.length) throw new Error(`case ${caseId}: ${stray.length} target(s) stopped before review, e.g. ${stray[0]!.key} at ${stray[0]!.stage}`);
    return s.targets.every((t) => t.stage === 'LEGAL_REVIEW') && s;
  }, pollMs);
  marks.reach('open', caseId);

  await api.ok('rivera', { method: 'POST', url: `/api/cases/${caseId}/submit` });
  await api.ok('okafor', { method: 'POST', url: `/api/cases/${caseId}/decision`, payload: { decision: 'approve', packageVersion: open.packageVersion } });
  await until(async () => (await status())?.stage === 'AWAITING_WARRANT', pollMs);
  await api.ok('okafor', { method: 'POST', url: `/api/cases/${caseId}/warrants`, payload: warrantFor(open.targets.map((t) => t.key)) });
  marks.reach('review', caseId);

  // Sent: every target named by its registry's order and its registrar's notice.
  const noticed = await until(async () => {
    const s = await status();
    const covered = (kind: (k: string) => boolean) => new Set(s?.notices.filter((n) => kind(n.kind) && !n.follows).flatMap((n) => n.covers));
    const orders = covered((k) => k === 'registry-order');
    const registrars = covered((k) => k.startsWith('registrar-'));
    return s && s.targets.every((t) => orders.has(t.key) && registrars.has(t.key)) && s;
  }, pollMs);
  marks.reach('notices', caseId);

  // The registry executes the order (its RDAP and the zone now show the seizure), and the recipients answer.
  for (const domain of domains) world.rdap.seize(domain, seizureNameservers);
  await acknowledgeNotices(api, world.sink, noticed.notices.filter((n) => answeredKinds.includes(n.kind) && !n.follows));

  const closed = await until(async () => { const s = await status(); return s?.stage === 'CLOSED' && s; }, pollMs);
  const notSeized = closed.targets.filter((t) => t.stage !== 'SEIZED');
  if (notSeized.length) throw new Error(`case ${caseId} closed with ${notSeized.length} target(s) not SEIZED, e.g. ${notSeized[0]!.key} at ${notSeized[0]!.stage}`);
  marks.reach('seizure', caseId);
}
