import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { openDatabase } from '../../lib/store/database';
import { getRdap, maxLookupBodyBytes } from '../../lib/lookup/http';
import { whoisRegistry } from '../../lib/lookup/whois';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { loadConfig } from '../../src/config';
import { casePackage } from '../helpers/case-fixtures';
import { listenWatched } from './contract-check';
import { storesOf, testIdentity, testSettings, unusedClient } from './api-world';
import { call } from './http';
import { checkTextLimits, maxListItems } from '../../src/api/text-limits';
import { maxOperationRows } from '../../domain/operation';

// What a person types or a registry sends travels in workflow payloads, which Temporal refuses past 2 MB.
// Refusals here come before any workflow is reached: the API's Temporal connection leads nowhere.
let app: Api;
let baseUrl: string;
let close: (() => Promise<void>) | undefined;
let tokens: Awaited<ReturnType<typeof testIdentity>>['tokens'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'size-limits-'));
beforeAll(async () => {
  const identity = await testIdentity();
  tokens = identity.tokens;
  app = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused') });
  ({ baseUrl, close } = await listenWatched(app));
});
afterAll(async () => {
  await close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

const as = (user: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[user]}` });

test('a free-text field past 20,000 characters is refused, naming the field', async () => {
  const pkg = casePackage(['luxury-outlet.com'], { title: 't'.repeat(25_000) });
  const refused = await call(baseUrl, { method: 'POST', url: '/api/cases', headers: as('rivera'), payload: { ...pkg, evidence: { ...pkg.evidence, summary: 's'.repeat(20_001) } } });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error).toMatchObject({
    code: 'VALIDATION_FAILED',
    fields: { title: ['at most 20000 characters (this one has 25000)'], 'evidence.summary': ['at most 20000 characters (this one has 20001)'] },
  });
});

test('a list longer than the longest the API takes (an operation of 10,000 rows) is refused, naming the field', () => {
  // Through the API a list of valid items that long passes the body's byte limit first (413): the check is
  // for what fits in the bytes, e.g. a list of short strings.
  let refused: unknown;
  try { checkTextLimits({ evidence: { undercoverPurchases: Array.from({ length: maxListItems + 1 }, () => 'x') } }); } catch (error) { refused = error; }
  expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'evidence.undercoverPurchases': [`at most ${maxListItems} items (this list has ${maxListItems + 1})`] } });
  expect(() => checkTextLimits({ rows: Array.from({ length: maxOperationRows }, () => 'x') })).not.toThrow();
});

test('an import row past 2,048 characters is refused with its line', async () => {
  const content = `target\nluxury-outlet.com\nhttps://shop.example/${'a'.repeat(3000)}\ncheap-bags.com\n`;
  const refused = await call(baseUrl, { method: 'POST', url: '/api/cases/HSI-NY-2026-0142/targets/import', headers: as('rivera'), payload: { format: 'csv', content } });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'content: a row holds at most 2048 characters; line 3 has 3021' });
});

test('the API body limit cannot be set past what Temporal takes in one payload; the default is 1 MiB', () => {
  expect(loadConfig({}).TAKEDOWN_API_BODY_LIMIT).toBe(1024 * 1024);
  expect(() => loadConfig({ TAKEDOWN_API_BODY_LIMIT: String(2 * 1024 * 1024) })).toThrow(/TAKEDOWN_API_BODY_LIMIT: at most 1572864 bytes/);
});

describe('registry answers', () => {
  const big = JSON.stringify({ objectClassName: 'domain', ldhName: 'huge.com', remarks: [{ description: ['x'.repeat(maxLookupBodyBytes)] }] });
  const deps = () => ({ fetch, blobs: createFileBlobStore(path.join(dir, 'blobs')), timeoutMs: 5000, minIntervalMs: 0 });

  async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    return error as ApplicationFailure;
  }

  test.each([['declared with Content-Length', true], ['streamed without a length', false]])('an RDAP answer past 256 KiB is not read (%s)', async (_name, declared) => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rdap+json', ...(declared ? { 'content-length': String(Buffer.byteLength(big)) } : {}) });
      res.end(big);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/domain/huge.com`;
      const error = await failure(getRdap(deps(), url));
      expect(error).toMatchObject({ type: 'BAD_RESPONSE', nonRetryable: true, message: expect.stringContaining('answered more than 256 KiB') });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a WHOIS answer past 256 KiB is not read', async () => {
    const server = net.createServer((socket) => socket.once('data', () => socket.end(`Domain Name: huge.io\r\n${'% padding\r\n'.repeat(30_000)}`)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await failure(whoisRegistry({ whoisServers: {}, blobs: deps().blobs, timeoutMs: 5000, minIntervalMs: 0 }, 'huge.io', { suffix: 'io', address }));
      expect(error).toMatchObject({ type: 'BAD_RESPONSE', nonRetryable: true, message: expect.stringContaining('answered more than 256 KiB') });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
