import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { startApiWorld, useApiTest, type ApiWorld } from './api-world';
import { addShop, shopUrl } from './domains';
import { noRegistryShop } from './task-targets';

// Queries wait 2 s for a worker here (the engine's own wait, about 30 s, elsewhere), so a case nobody serves is answered for quickly.
const t = useApiTest({ queryTimeoutMs: 2000 });
const today = () => new Date().toISOString().slice(0, 10);

/** Opens a case in this world and waits until its workflow answers its status (its worker ran it). */
async function openCase(api: ApiWorld, target = shopUrl(api.world, addShop(api.world))): Promise<string> {
  const pkg = casePackage([target]);
  const opened = await api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg });
  if (opened.statusCode !== 201) throw new Error(`${opened.statusCode} ${opened.body}`);
  await waitFor('the case answering', async () => (await api.call('rivera', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).statusCode === 200);
  return pkg.caseId;
}

/** How many cases the dashboard's metrics could not read: of every case, or of one case. */
const unreadInMetrics = async (api: ApiWorld, caseId?: string) => (await api.call('patel', { method: 'GET', url: `/api/metrics${caseId ? `?case=${caseId}` : ''}` })).json().cases.unreadable as number;

test('cases whose worker is gone are counted as unread by the period report, its CSV and the metrics, never silently left out', async () => {
  // Two cases served by a second deployment's worker, read while it runs, then read again once it has stopped.
  const other = await startApiWorld(t.api.env, t.bundle);
  let closed = false;
  try {
    const first = await openCase(other);
    const second = await openCase(other);
    expect([await unreadInMetrics(t.api, first), await unreadInMetrics(t.api, second)]).toEqual([0, 0]);
    await other.close();
    closed = true;

    // Their queries now wait out their deadline (or are refused): each case's metrics say it was not read.
    expect([await unreadInMetrics(t.api, first), await unreadInMetrics(t.api, second)]).toEqual([1, 1]);
    // Of every case, and in the period's report and its CSV, at least these two (other test files' cases on the
    // shared engine may go unread too), and the report says what that leaves out.
    expect(await unreadInMetrics(t.api)).toBeGreaterThanOrEqual(2);
    const report = (await t.api.call('patel', { method: 'GET', url: `/api/report/period?from=${today()}&to=${today()}` })).json().completeness as { unreadCases: number; note?: string };
    expect(report.unreadCases).toBeGreaterThanOrEqual(2);
    expect(report.note).toMatch(new RegExp(`^${report.unreadCases} cases open in the period did not answer in time: their notices are not in the response times`));
    const csv = await t.api.call('patel', { method: 'GET', url: `/api/report/period?from=${today()}&to=${today()}&format=csv` });
    expect(Number(/\r\ncompleteness,cases not read in time,(\d+)\r\n/.exec(csv.body)?.[1])).toBeGreaterThanOrEqual(2);

    // One of them read on its own: the engine answered, the case did not, and the answer says which. (Within about
    // 30 s of its worker's last poll the engine holds the query to its deadline; later it refuses at once.)
    const one = await t.api.call('patel', { method: 'GET', url: `/api/cases/${first}` });
    expect([one.statusCode, one.json().error]).toEqual([503, { code: 'WORKFLOW_NOT_ANSWERING', message: expect.stringMatching(new RegExp(`^case:${first} did not answer: (no worker answered within 2 s|the engine says no poller seen for task queue recently, worker may be down)\\. The engine answered; try again once its worker runs$`)) }]);

    // A period in which none of these cases was open reads none of them.
    const past = (await t.api.call('patel', { method: 'GET', url: '/api/report/period?from=2020-01-01&to=2020-01-31' })).json();
    expect(past.completeness).toEqual({ unreadCases: 0 });
  } finally {
    if (!closed) await other.close();
  }
}, 120_000);

test("a task whose workflow does not answer is still listed, from visibility, saying why its deadline is missing", async () => {
  const other = await startApiWorld(t.api.env, t.bundle);
  let closed = false;
  try {
    // A .gy domain (no RDAP server) waits for its registration entered by hand: a manual-lookup task.
    const shop = noRegistryShop(other);
    const caseId = await openCase(other, shop.link);
    const tasks = async () => (await t.api.call('rivera', { method: 'GET', url: `/api/tasks?case=${caseId}` })).json().tasks as { kind: string; target: string; caseId: string; stage?: string; dueBy?: string; reason: string }[];
    const answered = await waitFor('the manual-lookup task listed', async () => { const listed = await tasks(); return listed.length === 1 && listed; }, 60_000);
    expect(answered[0]).toMatchObject({ kind: 'manual-lookup', target: shop.domain, caseId, stage: 'LOOKUP', dueBy: expect.any(String) });
    await other.close();
    closed = true;

    // Its worker gone, the task is listed as visibility has it (kind, target, case, stage) and says why the rest is missing.
    const listed = await tasks();
    expect(listed).toEqual([{ kind: 'manual-lookup', target: shop.domain, caseId, workflowId: `domain:${shop.domain}`, stage: 'LOOKUP', href: `/targets/${shop.domain}#task`, reason: expect.stringContaining('its workflow did not answer in time') }]);
  } finally {
    if (!closed) await other.close();
  }
}, 120_000);
