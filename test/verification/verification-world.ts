import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createLookup, loadBootstrap } from '../../lib/lookup';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { openDatabase, type Db } from '../../lib/store/database';
import { createVerificationActivities } from '../../activities/verification';
import type { CustodyCheck } from '../../domain/custody';
import type { VerificationCheck, VerificationResult } from '../../domain/verification';
import { startTestBanner, type TestBanner } from '../banner/start-banner';
import { startDnsServer, type LocalDnsServer } from '../helpers/dns-server';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';

export const seizureNameservers = ['ns1.seizedservers.example', 'ns2.seizedservers.example'];
export const oldNameservers = ['ns1.bulletproof.example', 'ns2.bulletproof.example'];
export const bannerAddress = '127.0.0.1';
/** Loopback too, but nothing listens there: the shop's old host, from the banner's point of view. */
export const elsewhere = '127.0.0.2';
export const registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' };

/** The three parties verification asks: the registry (RDAP), a resolver (DNS) and the banner (HTTP). */
export interface VerificationWorld {
  rdap: RdapFixtureServer;
  dns: LocalDnsServer;
  /** A second resolver, for "every resolver must agree". */
  dns2: LocalDnsServer;
  banner: TestBanner;
  db: Db;
  verify(input: { domain: string; caseRef?: string }, resolvers?: 'one' | 'both'): Promise<VerificationResult>;
  checkCustody(input: { domain: string; caseRef?: string }): Promise<CustodyCheck>;
  checkRelease(input: { domain: string; restoreNameservers: string[] }): Promise<VerificationCheck>;
  close(): Promise<void>;
}

export async function startVerificationWorld(): Promise<VerificationWorld> {
  const [rdap, dns, dns2] = await Promise.all([startRdapServer(), startDnsServer(), startDnsServer()]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verification-'));
  const db = openDatabase(path.join(dir, 'takedown.db'));
  const banner = await startTestBanner(db);
  const lookup = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: {}, blobs: createFileBlobStore(path.join(dir, 'blobs')), minIntervalMs: 0, timeoutMs: 3000 });
  const build = (dnsServers: string[]) => createVerificationActivities({ seizureNameservers, verification: { dnsServers, bannerAddresses: [bannerAddress], httpPort: banner.port, timeoutMs: 2000 } }, lookup);
  const one = build([dns.address]);
  const both = build([dns.address, dns2.address]);
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('WARN') });
  return {
    rdap, dns, dns2, banner, db,
    verify: (input, resolvers = 'one') => env.run((resolvers === 'one' ? one : both).verifySeizure, input),
    checkCustody: (input) => env.run(one.checkCustody, input),
    checkRelease: (input) => env.run(one.checkRelease, input),
    async close() {
      await Promise.all([rdap.close(), dns.close(), dns2.close(), banner.close()]);
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
