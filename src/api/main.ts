import { Client, Connection } from '@temporalio/client';
import { openDatabase } from '../../lib/store/database';
import { TASK_QUEUE } from '../../domain/task-queues';
import { loadConfig, loadDotEnv } from '../config';
import { isProductionMode, refuseUnsafeProduction } from '../production';
import { temporalOptions } from '../temporal/options';
import { databaseWritable, temporalReachable } from '../health/readiness';
import { createRevokedTokens } from '../identity/revoked-tokens';
import { identityFromConfig, oidcSignInFromConfig } from '../identity/from-config';
import { createUsedLinks } from './ack/used-links';
import { buildApi } from './app';
import { createBannerStats } from './metrics/banner-stats';
import { createLeadStore } from './leads/store';
import { createDisseminationStore } from './leads/disseminations';
import { createOutreachStore } from './outreach/store';
import { durationMs } from '../../domain/duration';

/** The API process: configuration read once → Temporal client → identity → fastify, until SIGTERM. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  refuseUnsafeProduction(config, 'API');
  const temporal = temporalOptions(config);
  const connection = await Connection.connect(temporal.connection);
  const client = new Client({ connection, namespace: temporal.namespace, dataConverter: temporal.dataConverter });
  const db = openDatabase(config.dbFile);
  const { verifier, provider } = await identityFromConfig(config);
  const leads = createLeadStore(db);
  const app = await buildApi({
    client, verifier, readiness: { temporal: temporalReachable(connection.workflowService), database: databaseWritable(db) }, identity: provider, usedLinks: createUsedLinks(db), revokedTokens: createRevokedTokens(db), banner: createBannerStats(db), leads,
    disseminations: createDisseminationStore(db), outreach: createOutreachStore(db),
    settings: {
      taskQueue: TASK_QUEUE, linkSecret: config.TAKEDOWN_LINK_SECRET, sessionSecret: config.TAKEDOWN_SESSION_SECRET, actorKey: config.TAKEDOWN_ACTOR_KEY, cookieSecure: config.TAKEDOWN_COOKIE_SECURE,
      bodyLimit: config.TAKEDOWN_API_BODY_LIMIT, signInRateLimit: config.TAKEDOWN_SIGN_IN_RATE_LIMIT, ackRateLimit: config.TAKEDOWN_ACK_RATE_LIMIT, trustProxy: config.TAKEDOWN_TRUST_PROXY, logger: true,
      oidcSignIn: oidcSignInFromConfig(config), disseminationFollowUp: config.TAKEDOWN_DISSEMINATION_FOLLOW_UP,
      codec: { codec: temporal.dataConverter.payloadCodecs![0]!, namespace: temporal.namespace, corsOrigins: config.TAKEDOWN_CODEC_CORS_ORIGINS, encode: !isProductionMode(config) },
    },
  });
  await app.listen({ host: config.TAKEDOWN_API_HOST, port: config.TAKEDOWN_API_PORT });
  app.log.info(`web UI and API on http://${config.TAKEDOWN_API_HOST}:${config.TAKEDOWN_API_PORT} (OpenAPI at /docs); identity: ${provider ? `embedded, issuer ${provider.issuer}` : config.TAKEDOWN_OIDC_ISSUER}`);

  // Leads follow the tips' records schedule (TAKEDOWN_TIP_RETENTION): swept at start and hourly; a lead that
  // became a target is kept with its case (src/api/leads/store.ts applyRetention).
  const sweepLeads = () => {
    const { leadsDeleted, tipsDeleted } = leads.applyRetention(new Date(), durationMs(config.TAKEDOWN_TIP_RETENTION));
    if (leadsDeleted || tipsDeleted) app.log.info(`lead retention: ${leadsDeleted} lead(s) and ${tipsDeleted} tip(s) older than ${config.TAKEDOWN_TIP_RETENTION} deleted`);
  };
  sweepLeads();
  const sweeper = setInterval(sweepLeads, 3_600_000);
  sweeper.unref();

  const stop = async () => {
    clearInterval(sweeper);
    await app.close();
    await connection.close();
    db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
