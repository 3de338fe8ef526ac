import { openDatabase } from '../../lib/store/database';
import { loadConfig, loadDotEnv } from '../config';
import { refuseUnsafeProduction } from '../production';
import { startBanner } from './server';

/** `npm start`'s seizure-banner server: configuration read once, the allow-list in the shared SQLite file. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  refuseUnsafeProduction(config, 'banner');
  const db = openDatabase(config.dbFile);
  const banner = await startBanner(config, db);
  console.log(`seizure banner listening on ${banner.urls.join(' and ')} (answers only for seized domains on the allow-list)`);
  const stop = () => void banner.close().then(() => { db.close(); process.exit(0); });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
