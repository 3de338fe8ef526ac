import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadNoticeDirectory } from '../../lib/mail/contacts';
import { createNoticeLedger, type NoticeLedger } from '../../lib/mail/ledger';
import { createMailTransport } from '../../lib/mail/mailer';
import type { NoticeDeps } from '../../activities/notices/send-notice';
import { loadTemplates } from '../../lib/mail/templates';
import { openDatabase, type Db } from '../../lib/store/database';
import { casePackageSchema, type CasePackage } from '../../domain/case-package';
import type { PlanTarget } from '../../domain/notice-request';
import type { WarrantRecord } from '../../domain/warrant-record';
import type { DomainTarget, ProfileTarget } from '../../domain/targets/types';
import { casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { linkSecret, roleMailboxes, seizureNameservers } from '../helpers/world';

/** The vendored example contacts, as the worker loads them. */
export const directory = loadNoticeDirectory({ seizureNameservers });
export const templates = loadTemplates();

export function pkgFor(targets: string[], overrides: Parameters<typeof casePackage>[1] = {}): CasePackage {
  return casePackageSchema.parse(casePackage(targets, overrides));
}

export function warrantRecord(covers: string[], overrides: Parameters<typeof warrantFor>[1] = {}, warrantId = 'w1'): WarrantRecord {
  return { warrantId, warrant: warrantFor(covers, overrides), actor: counsel, at: '2026-11-20T15:00:00.000Z' };
}

const registrars = {
  example: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example', abusePhone: '+1.5555550100' },
  other: { name: 'Other Names LLC', ianaId: '9992', abuseEmail: 'abuse@othernames.example' },
  silent: { name: 'Silent Registrar Ltd', ianaId: '9993' },
};

/** A domain target as the case holds it after lookup and evidence capture. */
export function domainTarget(domain: string, registrar: keyof typeof registrars | 'not-looked-up' = 'example', unicode = domain): PlanTarget {
  const tld = domain.slice(domain.indexOf('.') + 1);
  const target: DomainTarget = { kind: 'domain', input: domain, domain, unicode, tld, warnings: [] };
  return {
    key: domain,
    target,
    registration: registrar !== 'not-looked-up' ? { registry: { name: 'fixture registry' }, registrar: registrars[registrar], nameservers: [`ns1.${registrar}-dns.example`, `ns2.${registrar}-dns.example`] } : undefined,
    evidence: [{ url: `https://${domain}/handbags`, capturedAt: '2026-10-01T12:00:00.000Z', status: 200, bodySha256: 'a'.repeat(64), snapshotId: 'b'.repeat(64) }],
  };
}

export function profileTarget(platform: ProfileTarget['platform'], handle: string, permanentId?: string): PlanTarget {
  const url = platform === 'marketplace' ? `https://www.ebay.com/usr/${handle}` : `https://www.${platform}.com/${handle}`;
  const target: ProfileTarget = { kind: 'profile', input: url, platform, handle, url, permanentId, warnings: [] };
  return { key: `${platform}:${handle}`, target };
}

/** A fresh SQLite file per test: the ledger as the worker uses it. */
export function tempDb(): { db: Db; ledger: NoticeLedger; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-notices-'));
  const db = openDatabase(path.join(dir, 'takedown.db'));
  return { db, ledger: createNoticeLedger(db), dir };
}

/** Send-activity dependencies wired to a local SMTP port. */
export function noticeDeps(port: number, ledger: NoticeLedger, extra: Partial<NoticeDeps> = {}): NoticeDeps {
  return {
    transport: createMailTransport({ host: '127.0.0.1', port, secure: false }),
    ledger,
    templates,
    mailFrom: 'IPR Center Takedown <takedown@iprcenter.example>',
    mailDomain: 'iprcenter.example',
    publicUrl: 'http://127.0.0.1:8080',
    linkSecret,
    ackLinkValidDays: 30,
    roleMailboxes,
    agency: 'National Intellectual Property Rights Coordination Center',
    ...extra,
  };
}
