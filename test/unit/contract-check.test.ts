import { undocumentedAnswers, type OpenApiDocument } from '../api/contract-check';

// The check that fails an API test file on an answer its contract does not list (test/api/contract-check.ts).
const doc: OpenApiDocument = {
  paths: {
    '/api/cases': { post: { responses: { 201: {}, 400: {}, 409: {} } }, get: { responses: { 200: {} } } },
    '/api/cases/{caseId}/targets/{target}/withdraw': { post: { responses: { 200: {}, 404: {} } } },
  },
};

test('documented answers pass, and route parameters are matched as the contract writes them', () => {
  expect(undocumentedAnswers(doc, ['POST /api/cases 201', 'POST /api/cases 409', 'GET /api/cases 200', 'POST /api/cases/:caseId/targets/:target/withdraw 404']))
    .toEqual({ undocumented: [], judged: 4 });
});

test('a status the operation does not list is reported, each once, with its route', () => {
  expect(undocumentedAnswers(doc, ['POST /api/cases 201', 'POST /api/cases 200', 'GET /api/cases 503', 'POST /api/cases/:caseId/targets/:target/withdraw 409']))
    .toEqual({ undocumented: ['GET /api/cases 503', 'POST /api/cases 200', 'POST /api/cases/:caseId/targets/:target/withdraw 409'], judged: 4 });
});

test('routes hidden from the contract (web pages, /docs) are not judged', () => {
  expect(undocumentedAnswers(doc, ['GET /cases/:caseId 200', 'GET /docs/json 200'])).toEqual({ undocumented: [], judged: 0 });
});
