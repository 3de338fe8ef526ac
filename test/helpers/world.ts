import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities, type Activities } from '../../activities';
import { loadBootstrap } from '../../lib/lookup';
import { loadNoticeDirectory } from '../../lib/mail/contacts';
import { createNoticeLedger } from '../../lib/mail/ledger';
import { createMailTransport } from '../../lib/mail/mailer';
import { loadTemplates } from '../../lib/mail/templates';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { openDatabase } from '../../lib/store/database';
import { startMailSink, type MailSink, type MailSinkOptions } from '../../src/mail-sink/sink';
import { startDnsServer, type LocalDnsServer } from './dns-server';
import { startCounterfeitShop, type LocalSite } from './http-site';
import { startRdapServer, type RdapFixtureServer, type RdapServerOptions } from './rdap-server';
import { startTestBanner, type TestBanner } from '../banner/start-banner';

export const seizureNameservers = ['ns1.seizedservers.example', 'ns2.seizedservers.example'];
export const linkSecret = 'test-link-secret-0123456789abcdef';
/** Where `role:<name>` notices go in tests. */
export const roleMailboxes = { counsel: ['counsel@iprcenter.example'], supervisor: ['supervisor@iprcenter.example'], coordinator: ['coordinator@iprcenter.example'] };
/** Where seized domains resolve in the world: the banner server's address. */
export const bannerAddress = '127.0.0.1';

/** Every real local part a workflow test talks to: RDAP, DNS, the shop, the SMTP sink, and activities wired to them. */
export interface World {
  rdap: RdapFixtureServer;
  dns: LocalDnsServer;
  shop: LocalSite;
  sink: MailSink;
  /** The seizure banner, reached by verification at bannerAddress:banner.port. */
  banner: TestBanner;
  dataDir: string;
  activities: Activities;
  /**
   * The only non-public addresses evidence capture and profile checks may reach (`127.0.0.1:<port>` of the
   * local sites; add a site's here). Everything else on 127.0.0.1 stays refused, as in production.
   */
  fetchAllowHosts: string[];
  close(): Promise<void>;
}

export async function startWorld(options: Pick<MailSinkOptions, 'refuseRecipient'> & Pick<RdapServerOptions, 'abroad'> = {}): Promise<World> {
  const [rdap, dns, shop, sink] = await Promise.all([startRdapServer({ abroad: options.abroad }), startDnsServer(), startCounterfeitShop(), startMailSink({ refuseRecipient: options.refuseRecipient })]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-test-'));
  const db = openDatabase(path.join(dataDir, 'takedown.db'));
  const banner = await startTestBanner(db);
  // The registry and its zone are one here: when the fixture registry executes a seizure, the zone
  // delegates to the seizure name servers, which answer with the banner's address.
  const fetchAllowHosts = [`127.0.0.1:${shop.port}`];
  const registrySeize = rdap.seize.bind(rdap);
  rdap.seize = (domain, nameservers) => { registrySeize(domain, nameservers); dns.set(domain, { NS: nameservers, A: [bannerAddress] }); };
  const activities = createActivities({
    blobs: createFileBlobStore(path.join(dataDir, 'blobs')),
    lookup: { bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: {}, minIntervalMs: 0, timeoutMs: 3000 },
    notices: {
      transport: createMailTransport({ host: '127.0.0.1', port: sink.port, secure: false }),
      ledger: createNoticeLedger(db),
      templates: loadTemplates(),
      mailFrom: 'IPR Center Takedown <takedown@iprcenter.example>',
      mailDomain: 'iprcenter.example',
      publicUrl: 'http://127.0.0.1:8080',
      linkSecret,
      ackLinkValidDays: 30,
      // Role mailboxes and the vendored example contacts (config/registries.json, config/platforms.json).
      roleMailboxes: roleMailboxes,
      agency: 'National Intellectual Property Rights Coordination Center',
      directory: loadNoticeDirectory({ seizureNameservers }),
    },
    evidence: { dnsServers: [dns.address], timeoutMs: 3000, allowHosts: fetchAllowHosts },
    seizureNameservers,
    verification: { dnsServers: [dns.address], bannerAddresses: [bannerAddress], httpPort: banner.port, timeoutMs: 3000 },
    banner: { allowList: banner.allowList },
  });
  return {
    rdap, dns, shop, sink, banner, dataDir, activities, fetchAllowHosts,
    async close() {
      await Promise.all([rdap.close(), dns.close(), shop.close(), sink.close(), banner.close()]);
      db.close();
    },
  };
}
