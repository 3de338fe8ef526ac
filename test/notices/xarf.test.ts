import { generateKeyPairSync } from 'node:crypto';
import { composeNotice } from '../../lib/mail/compose';
import { checkSupported, validate } from '../../lib/mail/json-schema';
import { sendNoticeOnce } from '../../activities/notices/send-notice';
import { checkXarfReport, uuidV5, xarfSchema } from '../../lib/mail/xarf-report';
import { planWarrantNotices } from '../../domain/notice-plan';
import type { XarfReport } from '../../domain/xarf';
import { counselReminderRequest } from '../../workflows/notice/case-notices';
import { startMailSink } from '../../src/mail-sink/sink';
import { directory, domainTarget, noticeDeps, pkgFor, tempDb, warrantRecord } from './fixtures';

const settings = { registrarAckWithin: '24h', registryExecutionWithin: '72h' } as const;
function planFor(sealed: boolean) {
  const targets = [domainTarget('luxury-outlet.com'), domainTarget('designer-deals.org')];
  const pkg = pkgFor(targets.map((t) => t.key));
  return planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key), { sealed }), targets, directory, settings, createdAt: '2026-11-21T09:00:00.000Z' });
}
const reportsOf = (attachments: { content: string }[]) => attachments.map((a) => JSON.parse(a.content) as XarfReport);

test('every external notice carries one XARF v4 report per target that validates against the stored schema', () => {
  const { ledger } = tempDb();
  for (const planned of planFor(false).notices) {
    const { entry } = composeNotice(noticeDeps(2525, ledger), planned.request);
    expect(entry.attachments.map((a) => a.contentType)).toEqual(planned.request.covers.map(() => 'application/json'));
    for (const report of reportsOf(entry.attachments)) {
      expect(checkXarfReport(report)).toEqual([]);
      expect(report).toMatchObject({ xarf_version: '4.0.0', category: 'content', type: 'brand_infringement', infringement_type: 'counterfeit', target_brand: 'Maison Example SA' });
      expect(report.reporter).toEqual({ org: 'National Intellectual Property Rights Coordination Center', contact: 'dana.rivera@hsi.example', domain: 'hsi.example' });
      expect(report.evidence[0]!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(report.legal_process).toMatchObject({ version: '1.0', notice_id: planned.request.noticeId, sealed: false, warrant: { docket: '26-MJ-04417', issued_on: '2026-11-20' } });
    }
  }
  const order = composeNotice(noticeDeps(2525, ledger), planFor(false).notices[0]!.request);
  const [report] = reportsOf(order.entry.attachments);
  expect(report!.legal_process).toMatchObject({ action: 'registry_seizure', seizure: { nameservers: ['ns1.seizedservers.example', 'ns2.seizedservers.example'], statuses: ['serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited'] } });
  // Deterministic: composing the same request again gives the same bytes (the report ID is a name-based UUID).
  const request = planFor(false).notices[0]!.request;
  const [first, second] = [composeNotice(noticeDeps(2525, ledger), request), composeNotice(noticeDeps(2525, ledger), request)];
  expect(second.entry.attachments).toEqual(first.entry.attachments);
  expect(second.entry.html).toBe(first.entry.html);
  expect(report!.report_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(uuidV5('a')).toBe(uuidV5('a'));
});

test('the courtesy notice under seal leaves the warrant out of its XARF copy, which still validates', () => {
  const { ledger } = tempDb();
  const courtesy = planFor(true).notices.find((n) => n.request.kind === 'registrar-courtesy')!;
  const [report] = reportsOf(composeNotice(noticeDeps(2525, ledger), courtesy.request).entry.attachments);
  expect(report!.legal_process).toMatchObject({ action: 'registrar_courtesy', sealed: true, non_disclosure: true });
  expect(report!.legal_process.warrant).toBeUndefined();
  expect(checkXarfReport(report)).toEqual([]);
});

test('the schema refuses a report that breaks it: an unsealed warrant without its details, a bad hash, a missing core field', () => {
  const { ledger } = tempDb();
  const [report] = reportsOf(composeNotice(noticeDeps(2525, ledger), planFor(false).notices[0]!.request).entry.attachments);
  const broken = structuredClone(report!) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  delete broken.legal_process.warrant;
  broken.evidence[0].hash = 'sha256:xyz';
  delete broken.reporter;
  const problems = checkXarfReport(broken).map((p) => `${p.path} ${p.message}`);
  expect(problems).toEqual(expect.arrayContaining(['reporter is required', 'evidence[0].hash must match ^sha256:[a-f0-9]{64}$', 'legal_process matches none of the allowed shapes (anyOf)']));
});

test('the validator refuses a schema keyword it does not enforce, rather than ignoring it', () => {
  expect(() => checkSupported({ type: 'object', properties: { a: { type: 'string', dependentRequired: {} } } })).toThrow(/"dependentRequired" at #\/properties\/a/);
  expect(() => checkSupported(xarfSchema)).not.toThrow();
  expect(validate({ type: 'integer', minimum: 1 }, 0)).toEqual([{ path: '(root)', message: 'must be at least 1' }]);
});

test('a sent notice carries the XARF attachment, its Message-ID and headers, a DKIM signature, and is kept in the ledger', async () => {
  const sink = await startMailSink();
  try {
    const { ledger } = tempDb();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const deps = noticeDeps(sink.port, ledger);
    deps.transport = (await import('../../lib/mail/mailer')).createMailTransport({ host: '127.0.0.1', port: sink.port, secure: false, dkim: { domainName: 'iprcenter.example', keySelector: 'takedown2026', privateKey } });
    const order = planFor(false).notices[0]!.request;
    const summary = await sendNoticeOnce(deps, order);
    expect(sink.messages).toHaveLength(1);
    const message = sink.messages[0]!;
    expect(message.envelope.to).toEqual(['law-enforcement@verisign-registry.example']);
    expect(message.parsed.messageId).toBe(summary.messageId);
    expect(message.parsed.headers.get('x-takedown-notice')).toBe(order.noticeId);
    expect(message.raw.toString()).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=iprcenter\.example;[\s\S]*s=takedown2026/m);
    const attachment = message.parsed.attachments.find((a) => a.filename === 'xarf-luxury-outlet.com.json')!;
    expect(checkXarfReport(JSON.parse(attachment.content.toString('utf8')))).toEqual([]);
    // The ledger holds the whole notice, attachment included, listed for the case.
    const stored = ledger.forCase(order.context.case.caseId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'sent', messageId: summary.messageId, recipients: ['law-enforcement@verisign-registry.example'], template: 'registry-order', covers: ['luxury-outlet.com'] });
    expect(stored[0]!.smtpResponse).toMatch(/^250/);
    expect(stored[0]!.attachments[0]!.content).toBe(attachment.content.toString('utf8'));
    expect(summary.attachments).toEqual([{ filename: 'xarf-luxury-outlet.com.json', contentType: 'application/json', sha256: stored[0]!.attachments[0]!.sha256 }]);
  } finally {
    await sink.close();
  }
});

test('role recipients are resolved from configuration; an unknown role is refused, naming it', async () => {
  const sink = await startMailSink();
  try {
    const { ledger } = tempDb();
    const request = counselReminderRequest({ caseWorkflowId: 'case:HSI-1', caseId: 'HSI-1', title: 'Counterfeit handbags', round: 1, packageVersion: 1, waitingSince: '2026-11-20T09:00:00Z', dueBy: '2026-11-23T09:00:00Z', reminderNumber: 1, reviewPath: '/cases/HSI-1/review', at: '2026-11-21T09:00:00.000Z' });
    const summary = await sendNoticeOnce(noticeDeps(sink.port, ledger), request);
    expect(summary.to).toEqual(['counsel@iprcenter.example']);
    expect(sink.messages[0]!.envelope.to).toEqual(['counsel@iprcenter.example']);
    expect(sink.messages[0]!.parsed.attachments).toEqual([]);
    expect(ledger.get(request.noticeId)!.requestedTo).toEqual(['role:counsel']);
    await expect(sendNoticeOnce(noticeDeps(sink.port, ledger), { ...request, noticeId: 'HSI-1/x', to: ['role:janitor'] })).rejects.toMatchObject({ type: 'CONFIG_INVALID', message: expect.stringContaining('role:janitor') });
  } finally {
    await sink.close();
  }
});

test('a failed or refused capture is never presented as evidence: the XARF copy cites captured pages only', () => {
  const { ledger } = tempDb();
  const failedRefs = [
    // As evidence capture records them now: a refusal and an HTTP error, with no body hash.
    { url: 'https://luxury-outlet.com/to-metadata', capturedAt: '2026-09-30T08:00:00.000Z', status: 0, snapshotId: 'c'.repeat(64), failure: { kind: 'refused' as const, reason: 'redirect to http://169.254.169.254/ refused' } },
    { url: 'https://luxury-outlet.com/gone', capturedAt: '2026-09-30T08:00:01.000Z', status: 404, snapshotId: 'd'.repeat(64), failure: { kind: 'http' as const, reason: 'HTTP 404' } },
    // As older cases hold them: status 0 with the hash of an empty page.
    { url: 'https://luxury-outlet.com/old', capturedAt: '2026-09-30T08:00:02.000Z', status: 0, bodySha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', snapshotId: 'e'.repeat(64) },
  ];
  const captured = domainTarget('luxury-outlet.com');
  const nothing = domainTarget('designer-deals.org');
  const targets = [{ ...captured, evidence: [...failedRefs, ...captured.evidence!] }, { ...nothing, evidence: failedRefs.map((r) => ({ ...r, url: r.url.replace('luxury-outlet.com', 'designer-deals.org') })) }];
  const pkg = pkgFor(targets.map((t) => t.key));
  const plan = planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key), {}), targets, directory, settings, createdAt: '2026-11-21T09:00:00.000Z' });
  // Every notice of the warrant (the registries' orders, the registrars' notices), each target's reports in them.
  const reports = plan.notices.flatMap((n) => reportsOf(composeNotice(noticeDeps(2525, ledger), n.request).entry.attachments));
  expect(new Set(reports.map((r) => r.source_identifier))).toEqual(new Set(['luxury-outlet.com', 'designer-deals.org']));
  const bySource = Object.fromEntries(reports.map((r) => [r.source_identifier, r]));
  const cited = (r: XarfReport) => r.evidence.map((e) => JSON.parse(Buffer.from(e.payload, 'base64').toString()) as { url: string; status: number });
  expect(cited(bySource['luxury-outlet.com']!)).toEqual([expect.objectContaining({ url: 'https://luxury-outlet.com/handbags', status: 200 })]);
  // Observed when the page was captured, not when a refused attempt was made.
  expect(bySource['luxury-outlet.com']!.timestamp).toBe('2026-10-01T12:00:00.000Z');
  for (const r of reports.filter((r) => r.source_identifier === 'designer-deals.org')) expect(r.evidence).toEqual([]);
  for (const r of reports.filter((r) => r.source_identifier === 'luxury-outlet.com')) expect(cited(r)).toHaveLength(1);
  expect(JSON.stringify(reports)).not.toContain('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  for (const report of reports) expect(checkXarfReport(report)).toEqual([]);
});
