import { openDatabase } from '../../lib/store/database';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { casePackage, operationOf } from '../helpers/case-fixtures';
import { listenWatched } from './contract-check';
import { storesOf, testIdentity, testSettings, unusedClient, type Username } from './api-world';
import { call } from './http';

// Who may set a case's clocks, and within what: all refused before the engine, which this API never reaches.
let app: Api;
let baseUrl: string;
let close: (() => Promise<void>) | undefined;
let tokens: Record<Username, string>;
beforeAll(async () => {
  const identity = await testIdentity();
  tokens = identity.tokens;
  // As deployed: anyoneMaySetClocks is not set (tests' own API worlds set it).
  app = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused', { anyoneMaySetClocks: undefined }) });
  ({ baseUrl, close } = await listenWatched(app));
});
afterAll(async () => close?.());

const open = (user: Username, settings: object) => call(baseUrl, { method: 'POST', url: '/api/cases', headers: { authorization: `Bearer ${tokens[user]}` }, payload: { ...casePackage(['example-shop.com']), settings } });
const errorOf = (response: { statusCode: number; json: () => unknown }) => ({ status: response.statusCode, ...(response.json() as { error: object }).error });

test('only a supervisor sets a case\'s clocks: the agent who opens a case with the statutory clocks at 1 ms is refused', async () => {
  expect(errorOf(await open('rivera', { custody: { personalNoticeWithin: 1, claimAfterPublication: 1 } }))).toMatchObject({ status: 403, code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('only a supervisor') });
  expect(errorOf(await open('rivera', { reviewReminderEvery: '1h' }))).toMatchObject({ status: 403, code: 'ROLE_NOT_ALLOWED' });
  const operation = await call(baseUrl, { method: 'POST', url: '/api/operations', headers: { authorization: `Bearer ${tokens.patel}` }, payload: { ...operationOf(['example-shop.com']), settings: { custody: { claimAfterDirectNotice: '1s' } } } });
  expect(errorOf(operation)).toMatchObject({ status: 403, code: 'ROLE_NOT_ALLOWED' });
});

test('a supervisor sets clocks within the law\'s bounds only; iterationsPerRun is capped; the test-only switch is refused', async () => {
  expect(errorOf(await open('chen', { custody: { personalNoticeWithin: '1ms', publicationFor: '2d', claimAfterPublication: '30d' } }))).toMatchObject({
    status: 422, code: 'CLOCK_OUT_OF_BOUNDS',
    fields: { 'custody.personalNoticeWithin': [expect.stringContaining('at least 60d')], 'custody.publicationFor': [expect.stringContaining('at least 30d')] },
  });
  expect(errorOf(await open('chen', { custody: { complaintWithin: '120d' } }))).toMatchObject({ status: 422, code: 'CLOCK_OUT_OF_BOUNDS', fields: { 'custody.complaintWithin': [expect.stringContaining('at most 90d')] } });
  expect(errorOf(await open('chen', { custody: { iterationsPerRun: 100_000 } }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  expect(errorOf(await open('chen', { custody: { testOnlyShortClocks: true } }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: { 'custody.testOnlyShortClocks': ['not accepted'] } });
  // Within bounds the request passes every check and goes to the engine (absent here).
  expect(errorOf(await open('chen', { reviewReminderEvery: '4h', custody: { claimAfterDirectNotice: '45d', reverifyEvery: '12h', iterationsPerRun: 200 } }))).toMatchObject({ status: 503, code: 'ENGINE_UNAVAILABLE' });
});
