import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadNoticeDirectory } from '../../lib/mail/contacts';
import { loadDkim } from '../../lib/mail/mailer';
import { loadConfig } from '../../src/config';

const tmp = (name: string, content: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-config-')), name);
  fs.writeFileSync(file, content);
  return file;
};

test('the vendored contact files load and cover the registries of the usual zones', () => {
  const directory = loadNoticeDirectory({ seizureNameservers: ['ns1.seizedservers.example'] });
  const zones = directory.registries.flatMap((r) => r.zones);
  expect(zones).toEqual(expect.arrayContaining(['com', 'net', 'org', 'info', 'uk']));
  expect(directory.registries.every((r) => r.email.endsWith('.example'))).toBe(true);
  expect(directory.platforms.map((p) => p.platform).sort()).toEqual(['facebook', 'instagram', 'marketplace', 'tiktok', 'x', 'youtube']);
  expect(directory.paymentProcessors.map((p) => p.id)).toEqual(['visa', 'mastercard', 'paypal', 'stripe']);
});

test('a bad contacts file stops start-up naming the variable, the file and the field', () => {
  const file = tmp('registries.json', JSON.stringify({ registries: [{ id: 'verisign', name: 'VeriSign', legalEntity: 'VeriSign, Inc.', zones: ['com'], email: 'not-an-address' }] }));
  expect(() => loadNoticeDirectory({ registryFile: file, seizureNameservers: ['ns1.seizedservers.example'] })).toThrow(new RegExp(`TAKEDOWN_REGISTRY_CONTACTS: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid:[\\s\\S]*registries\\[0\\]\\.email`));
  expect(() => loadNoticeDirectory({ platformFile: '/nonexistent/platforms.json', seizureNameservers: ['ns1'] })).toThrow(/TAKEDOWN_PLATFORM_CONTACTS: cannot read \/nonexistent\/platforms.json/);
  const portalWithoutUrl = tmp('platforms.json', JSON.stringify({ platforms: [{ platform: 'x', name: 'X', legalEntity: 'X Corp.', channel: 'portal' }] }));
  expect(() => loadNoticeDirectory({ platformFile: portalWithoutUrl, seizureNameservers: ['ns1'] })).toThrow(/a portal channel needs "portalUrl"/);
});

test('role mailboxes come from TAKEDOWN_ROLE_MAILBOXES as an address or a list per role', () => {
  expect(loadConfig({}).TAKEDOWN_ROLE_MAILBOXES).toEqual({ counsel: ['counsel@iprcenter.example'], supervisor: ['supervisor@iprcenter.example'], coordinator: ['coordinator@iprcenter.example'] });
  expect(loadConfig({ TAKEDOWN_ROLE_MAILBOXES: '{"coordinator":["ops@hsi.example","ipr-duty@hsi.example"]}' }).TAKEDOWN_ROLE_MAILBOXES).toEqual({ coordinator: ['ops@hsi.example', 'ipr-duty@hsi.example'] });
  expect(() => loadConfig({ TAKEDOWN_ROLE_MAILBOXES: '{"janitor":"x@hsi.example"}' })).toThrow(/TAKEDOWN_ROLE_MAILBOXES: a JSON object of role/);
});

test('DKIM settings go together, and the key must be a PEM private key', () => {
  expect(loadDkim({})).toBeUndefined();
  expect(() => loadDkim({ domain: 'iprcenter.example' })).toThrow(/must be set together/);
  expect(() => loadDkim({ domain: 'iprcenter.example', selector: 's1', keyFile: tmp('key.pem', 'not a key') })).toThrow(/holds no PEM private key/);
});
