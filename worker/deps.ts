import { Client, Connection } from '@temporalio/client';
import type { ActivityDeps } from '../activities';
import { createAllowList } from '../activities/banner';
import { loadBootstrap } from '../lib/lookup';
import { createNoticeLedger } from '../lib/mail/ledger';
import { loadNoticeDirectory } from '../lib/mail/contacts';
import { createMailTransport, loadDkim } from '../lib/mail/mailer';
import { loadTemplates } from '../lib/mail/templates';
import { createFileBlobStore } from '../lib/store/blob-store';
import { openDatabase } from '../lib/store/database';
import type { Config } from '../src/config';
import { temporalOptions, type TemporalOptions } from '../src/temporal/options';

/** Builds the activities' dependencies from the configuration: real SMTP, SQLite, blob store, RDAP bootstrap. */
export async function activityDepsFromConfig(config: Config): Promise<ActivityDeps> {
  const db = openDatabase(config.dbFile);
  return {
    blobs: createFileBlobStore(config.blobDir),
    lookup: { bootstrap: await loadBootstrap(config.TAKEDOWN_RDAP_BOOTSTRAP), whoisServers: config.TAKEDOWN_WHOIS_SERVERS, minIntervalMs: config.TAKEDOWN_LOOKUP_INTERVAL_MS ?? Math.ceil(1000 / config.TAKEDOWN_LOOKUP_HOST_RATE), timeoutMs: config.TAKEDOWN_HTTP_TIMEOUT_MS },
    notices: {
      transport: createMailTransport({
        host: config.TAKEDOWN_SMTP_HOST, port: config.TAKEDOWN_SMTP_PORT, secure: config.TAKEDOWN_SMTP_SECURE, requireTls: config.TAKEDOWN_SMTP_REQUIRE_TLS,
        tlsRejectUnauthorized: config.TAKEDOWN_SMTP_TLS_REJECT_UNAUTHORIZED, user: config.TAKEDOWN_SMTP_USER, password: config.TAKEDOWN_SMTP_PASSWORD,
        dkim: loadDkim({ domain: config.TAKEDOWN_DKIM_DOMAIN, selector: config.TAKEDOWN_DKIM_SELECTOR, keyFile: config.TAKEDOWN_DKIM_PRIVATE_KEY_FILE }),
      }),
      ledger: createNoticeLedger(db),
      templates: loadTemplates(),
      mailFrom: config.TAKEDOWN_MAIL_FROM,
      mailDomain: config.TAKEDOWN_MAIL_DOMAIN,
      publicUrl: config.TAKEDOWN_PUBLIC_URL,
      linkSecret: config.TAKEDOWN_LINK_SECRET,
      ackLinkValidDays: config.TAKEDOWN_ACK_LINK_DAYS,
      roleMailboxes: config.TAKEDOWN_ROLE_MAILBOXES,
      agency: config.TAKEDOWN_AGENCY_NAME,
      // Validated here, at worker start: a bad contacts file stops the worker naming it.
      directory: loadNoticeDirectory({ registryFile: config.TAKEDOWN_REGISTRY_CONTACTS, platformFile: config.TAKEDOWN_PLATFORM_CONTACTS, seizureNameservers: config.TAKEDOWN_SEIZURE_NAMESERVERS }),
    },
    evidence: { dnsServers: config.TAKEDOWN_DNS_SERVERS, timeoutMs: config.TAKEDOWN_HTTP_TIMEOUT_MS },
    seizureNameservers: config.TAKEDOWN_SEIZURE_NAMESERVERS,
    verification: { dnsServers: config.TAKEDOWN_DNS_SERVERS, bannerAddresses: config.TAKEDOWN_BANNER_ADDRESSES, httpPort: config.TAKEDOWN_VERIFY_HTTP_PORT, timeoutMs: config.TAKEDOWN_HTTP_TIMEOUT_MS },
    banner: { allowList: createAllowList(db) },
    // Deconfliction reads the workflow already holding a target (its CaseId); lazy, so start-up order is unchanged.
    targets: { client: clientOf(temporalOptions(config)) },
  };
}

/** A client that connects on first use (start-up order is unchanged) and encrypts like the worker. */
const clientOf = ({ connection, namespace, dataConverter }: TemporalOptions) => new Client({ connection: Connection.lazy(connection), namespace, dataConverter });
