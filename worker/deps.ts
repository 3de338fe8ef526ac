import type { ActivityDeps } from '../activities';
import { loadBootstrap } from '../activities/lookup';
import { createNoticeLedger } from '../activities/notices/ledger';
import { createMailTransport } from '../activities/notices/mailer';
import { loadTemplates } from '../activities/notices/templates';
import { createFileBlobStore } from '../activities/store/blob-store';
import { openDatabase } from '../activities/store/database';
import type { Config } from '../src/config';

/** Builds the activities' dependencies from the configuration: real SMTP, SQLite, blob store, RDAP bootstrap. */
export async function activityDepsFromConfig(config: Config): Promise<ActivityDeps> {
  const db = openDatabase(config.dbFile);
  return {
    blobs: createFileBlobStore(config.blobDir),
    lookup: { bootstrap: await loadBootstrap(config.TAKEDOWN_RDAP_BOOTSTRAP), whoisServers: config.TAKEDOWN_WHOIS_SERVERS, minIntervalMs: config.TAKEDOWN_LOOKUP_INTERVAL_MS, timeoutMs: config.TAKEDOWN_HTTP_TIMEOUT_MS },
    notices: {
      transport: createMailTransport({ host: config.TAKEDOWN_SMTP_HOST, port: config.TAKEDOWN_SMTP_PORT, secure: config.TAKEDOWN_SMTP_SECURE, user: config.TAKEDOWN_SMTP_USER, password: config.TAKEDOWN_SMTP_PASSWORD }),
      ledger: createNoticeLedger(db),
      templates: loadTemplates(),
      mailFrom: config.TAKEDOWN_MAIL_FROM,
      mailDomain: config.TAKEDOWN_MAIL_DOMAIN,
      publicUrl: config.TAKEDOWN_PUBLIC_URL,
      linkSecret: config.TAKEDOWN_LINK_SECRET,
      ackLinkValidDays: config.TAKEDOWN_ACK_LINK_DAYS,
    },
    evidence: { dnsServers: config.TAKEDOWN_DNS_SERVERS, timeoutMs: config.TAKEDOWN_HTTP_TIMEOUT_MS },
    seizureNameservers: config.TAKEDOWN_SEIZURE_NAMESERVERS,
  };
}
