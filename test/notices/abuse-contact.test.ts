import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createLookup, loadBootstrap } from '../../lib/lookup';
import { sendNoticeOnce } from '../../activities/notices/send-notice';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { singleMailbox } from '../../domain/mailbox';
import { planWarrantNotices } from '../../domain/notice-plan';
import { startMailSink } from '../../src/mail-sink/sink';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';
import { unique } from '../helpers/temporal';
import { startWhoisServer, type WhoisFixtureServer } from '../helpers/whois-server';
import { directory, domainTarget, noticeDeps, pkgFor, tempDb, warrantRecord } from './fixtures';

// An abuse address comes from whoever runs an RDAP or WHOIS server. The mail transport reads a comma as
// a second recipient, so "abuse@registrar, someone@else" would copy a legal notice to someone else.
const listed = 'abuse@example-registrar.example, attacker@evil.example';
let rdap: RdapFixtureServer;
let whois: WhoisFixtureServer;
let dir: string;
let lookup: ReturnType<typeof createLookup>;

beforeAll(async () => {
  [rdap, whois] = await Promise.all([startRdapServer(), startWhoisServer()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abuse-contact-'));
  lookup = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: { io: whois.address }, blobs: createFileBlobStore(path.join(dir, 'blobs')), minIntervalMs: 0, timeoutMs: 2000 });
});
afterAll(async () => {
  await Promise.all([rdap.close(), whois.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('only exactly one plain address counts as one address', () => {
  expect(singleMailbox(' abuse@registrar.example ')).toBe('abuse@registrar.example');
  expect(singleMailbox('mailto:abuse@registrar.example')).toBe('abuse@registrar.example');
  for (const value of [listed, 'abuse@a.example;x@b.example', 'Abuse Desk <abuse@a.example>', 'abuse@a.example x@b.example', 'abuse@a.example\r\nBcc: x@b.example', '"a,b"@a.example', 'abuse@localhost', 'abuse@', 'abuse@@a.example', 'abuse@a.example,']) {
    expect(singleMailbox(value)).toBeUndefined();
  }
});

test('an RDAP abuse contact listing two addresses is dropped and kept as refused, with the reason', async () => {
  const domain = `${unique('listed-abuse-')}.com`;
  rdap.addDomain({ domain, registrar: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: listed }, nameservers: ['ns1.shop.example'] });
  const record = await lookup.lookupRegistration(domain);
  expect(record.registrar.abuseEmail).toBeUndefined();
  expect(record.registrar.abuseEmailRefused).toBe(`${JSON.stringify(listed)}: it is a list of addresses, not one address`);
  expect(JSON.stringify(record)).not.toContain('"abuseEmail"');
});

test('a WHOIS abuse contact listing two addresses is dropped too', async () => {
  const domain = `${unique('listed-abuse-')}.io`;
  whois.addDomain({ domain, registrar: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example,attacker@evil.example' }, nameservers: ['ns1.shop.example'], referral: true });
  const record = await lookup.lookupRegistration(domain);
  expect(record.source).toBe('whois');
  expect(record.registrar.abuseEmail).toBeUndefined();
  expect(record.registrar.abuseEmailRefused).toContain('it is a list of addresses');
});

test('the case plans no registrar notice to a refused contact and says why', () => {
  const target = domainTarget('listed-abuse.com');
  target.registration!.registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmailRefused: `${JSON.stringify(listed)}: it is a list of addresses, not one address` };
  const pkg = pkgFor([target.key]);
  const plan = planWarrantNotices({ caseWorkflowId: 'case:x', pkg, warrant: warrantRecord([target.key]), targets: [target], directory, settings: { registrarAckWithin: '24h', registryExecutionWithin: '72h' }, createdAt: '2026-11-20T15:00:00.000Z' });
  expect(plan.notices.map((n) => n.request.kind)).toEqual(['registry-order']);
  expect(plan.unaddressed).toEqual([{ key: 'listed-abuse.com', notice: 'registrar-notice', code: 'NO_ABUSE_CONTACT', reason: expect.stringContaining('that is not one e-mail address') }]);
});

test('a notice addressed to a list (a record taken before this check) is refused before anything is sent', async () => {
  const sink = await startMailSink();
  const { ledger, db } = tempDb();
  try {
    const target = domainTarget(`${unique('old-record-')}.com`);
    target.registration!.registrar = { ...target.registration!.registrar, abuseEmail: listed };
    const pkg = pkgFor([target.key]);
    const request = planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord([target.key]), targets: [target], directory, settings: { registrarAckWithin: '24h', registryExecutionWithin: '72h' }, createdAt: new Date().toISOString() })
      .notices.find((n) => n.request.kind === 'registrar-notice')!.request;
    expect(request.to).toEqual([listed]);
    const error = await sendNoticeOnce(noticeDeps(sink.port, ledger), request).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'RECIPIENT_INVALID', nonRetryable: true, message: expect.stringContaining('it is a list of addresses, not one address') });
    expect(sink.messages).toHaveLength(0);
    expect(ledger.get(request.noticeId)).toBeUndefined();
  } finally {
    await sink.close();
    db.close();
  }
});
