import { actorSigningKey } from '../src/actor-keys';
import { loadConfig, loadDotEnv } from '../src/config';

/**
 * Prints the public key of TAKEDOWN_ACTOR_KEY (from the environment or .env), for the workers'
 * TAKEDOWN_ACTOR_PUBLIC_KEYS. Run it where the API's secret is, and copy only its output to the workers.
 */
loadDotEnv();
console.log(actorSigningKey(loadConfig().TAKEDOWN_ACTOR_KEY).publicKey);
