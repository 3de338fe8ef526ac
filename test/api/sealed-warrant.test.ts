import { bannerRequest } from '../banner/http';
import { useApiTest, type Username } from './api-world';
import { seizeThroughCase } from './custody-fixtures';

const t = useApiTest();

const sealedWarrant = { sealed: true, court: 'U.S. District Court for the Eastern District of Virginia', judge: 'Hon. Ruth Abernathy, U.S. Magistrate Judge', docket: '1:26-SW-0777', documentRef: 'EDVA-1-26-SW-0777-signed.pdf' };
const secrets = [sealedWarrant.court, sealedWarrant.judge, sealedWarrant.docket, sealedWarrant.documentRef];

test('a domain seized under a sealed warrant: the public banner shows a generic court and a public reference, never the docket, court or case ID; the API shows them only to the case\'s members and supervisors', async () => {
  const { domain, pkg } = await seizeThroughCase(t.api, sealedWarrant);

  // The real banner server, asked for the seized host as a visitor's browser asks.
  const page = await bannerRequest(t.api.world.banner.url, { host: domain });
  expect(page.status).toBe(200);
  const reference = /data-case-ref="(SZ-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})"/.exec(page.body)?.[1];
  expect(reference).toBeDefined();
  expect(page.body).toContain('seizure warrant issued by the\n  <strong>United States District Court</strong>');
  expect(page.body).toContain(`<dt>Public reference</dt><dd>${reference}</dd>`);
  for (const hidden of [...secrets, pkg.caseId, 'Eastern District']) expect(page.body).not.toContain(hidden);
  const publicService = await bannerRequest(t.api.world.banner.url, { host: domain, path: '/public-service' });
  for (const hidden of [...secrets, pkg.caseId]) expect(publicService.body).not.toContain(hidden);
  // The reference is the seizure's own, kept in custody where staff look a visitor's reference up.
  const asCounsel = (await t.api.call('okafor', { method: 'GET', url: `/api/custody/${domain}` })).json();
  expect(asCounsel).toMatchObject({ caseId: pkg.caseId, caseRef: reference, warrant: { court: sealedWarrant.court, docket: sealedWarrant.docket, sealed: true } });

  // The coordinator is neither counsel, a supervisor nor an author of the case: the sealed facts read [sealed] everywhere.
  const read = async (user: Username, url: string) => (await t.api.call(user, { method: 'GET', url })).body;
  for (const url of [`/api/custody/${domain}`, `/api/cases/${pkg.caseId}`, `/api/targets/${domain}`]) {
    const body = await read('patel', url);
    expect(body).toContain('[sealed]');
    for (const hidden of secrets) expect(body).not.toContain(hidden);
  }
  expect(JSON.parse(await read('patel', `/api/cases/${pkg.caseId}`)).warrants[0].warrant).toMatchObject({ court: '[sealed]', judge: '[sealed]', docket: '[sealed]', sealed: true });
  // Counsel and an agent of another team read nothing of the case at all, sealed or not: not even that it exists.
  for (const user of ['haddad', 'moreau'] as const) {
    for (const url of [`/api/custody/${domain}`, `/api/cases/${pkg.caseId}`, `/api/targets/${domain}`]) {
      const response = await t.api.call(user, { method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
      for (const hidden of secrets) expect(response.body).not.toContain(hidden);
    }
  }
  // The case's members (the agent who opened it, both counsel of its team) and the supervisor read them.
  for (const user of ['okafor', 'lindqvist', 'chen', 'rivera'] as const) {
    expect(JSON.parse(await read(user, `/api/cases/${pkg.caseId}`)).warrants[0].warrant).toMatchObject({ court: sealedWarrant.court, judge: sealedWarrant.judge, docket: sealedWarrant.docket });
    expect(await read(user, `/api/targets/${domain}`)).toContain(sealedWarrant.docket);
  }
});
