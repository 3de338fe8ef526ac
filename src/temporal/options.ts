import fs from 'node:fs';
import type { DataConverter } from '@temporalio/common';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from '../config';
import { isProductionMode } from '../production';
import { PayloadEncryptionCodec } from './payload-codec';
import { developmentPayloadKey, parsePayloadKeys } from './payload-keys';

/**
 * How every process of ours reaches Temporal (worker, API, the chaos run's driver): the address, TLS (mTLS with
 * a client certificate for a self-hosted cluster, server TLS with an API key for Temporal Cloud), the namespace,
 * and the data converter that encrypts every payload. One place, so no process connects differently.
 */
export interface TemporalOptions {
  connection: { address: string; tls?: TLSConfig | boolean; apiKey?: string };
  namespace: string;
  dataConverter: DataConverter;
}

type TemporalConfig = Pick<Config, 'TAKEDOWN_TEMPORAL_ADDRESS' | 'TAKEDOWN_TEMPORAL_NAMESPACE' | 'TAKEDOWN_TEMPORAL_TLS_CERT' | 'TAKEDOWN_TEMPORAL_TLS_KEY' | 'TAKEDOWN_TEMPORAL_TLS_CA'
  | 'TAKEDOWN_TEMPORAL_TLS_SERVER_NAME' | 'TAKEDOWN_TEMPORAL_API_KEY' | 'TAKEDOWN_PAYLOAD_KEYS' | 'TAKEDOWN_DATA_DIR' | 'TAKEDOWN_PUBLIC_URL'>;

export function temporalOptions(config: TemporalConfig): TemporalOptions {
  const tls = tlsOf(config);
  return {
    connection: { address: config.TAKEDOWN_TEMPORAL_ADDRESS, ...(tls !== undefined ? { tls } : {}), ...(config.TAKEDOWN_TEMPORAL_API_KEY ? { apiKey: config.TAKEDOWN_TEMPORAL_API_KEY } : {}) },
    namespace: config.TAKEDOWN_TEMPORAL_NAMESPACE,
    // Production (which runs only with TAKEDOWN_PAYLOAD_KEYS, src/production.ts) takes no payload it did not
    // encrypt itself: a message sent to Temporal without our keys is refused (src/temporal/payload-codec.ts).
    dataConverter: { payloadCodecs: [new PayloadEncryptionCodec(payloadKeysOf(config), { refuseUnencrypted: isProductionMode(config) })] },
  };
}

/** The configured keys, or on a local run the development key kept in the data directory. */
export function payloadKeysOf(config: Pick<Config, 'TAKEDOWN_PAYLOAD_KEYS' | 'TAKEDOWN_DATA_DIR'>) {
  if (!config.TAKEDOWN_PAYLOAD_KEYS) return [developmentPayloadKey(config.TAKEDOWN_DATA_DIR)];
  // The schema checked the value already (src/config.ts); a problem here would be a bug.
  return parsePayloadKeys(config.TAKEDOWN_PAYLOAD_KEYS).keys;
}

/**
 * TLS as configured: a client certificate and key (mTLS), a CA to trust instead of the system's, a server name
 * to expect; an API key alone means TLS with the system's CAs (Temporal Cloud). None of them: plaintext, as the
 * local dev server speaks. The files are read at start, so a missing one stops the process naming the variable.
 */
function tlsOf(config: TemporalConfig): TLSConfig | boolean | undefined {
  const read = (variable: keyof TemporalConfig) => {
    const file = config[variable];
    if (!file) return undefined;
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new Error(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set it to a readable PEM file`);
    }
  };
  if (Boolean(config.TAKEDOWN_TEMPORAL_TLS_CERT) !== Boolean(config.TAKEDOWN_TEMPORAL_TLS_KEY)) {
    const [set, unset] = config.TAKEDOWN_TEMPORAL_TLS_CERT ? ['TAKEDOWN_TEMPORAL_TLS_CERT', 'TAKEDOWN_TEMPORAL_TLS_KEY'] : ['TAKEDOWN_TEMPORAL_TLS_KEY', 'TAKEDOWN_TEMPORAL_TLS_CERT'];
    throw new Error(`${unset}: not set while ${set} is; mutual TLS needs the client certificate and its private key together (PEM files)`);
  }
  const crt = read('TAKEDOWN_TEMPORAL_TLS_CERT');
  const key = read('TAKEDOWN_TEMPORAL_TLS_KEY');
  const ca = read('TAKEDOWN_TEMPORAL_TLS_CA');
  const serverName = config.TAKEDOWN_TEMPORAL_TLS_SERVER_NAME;
  if (!crt && !key && !ca && !serverName) return config.TAKEDOWN_TEMPORAL_API_KEY ? true : undefined;
  return {
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(serverName ? { serverNameOverride: serverName } : {}),
  };
}
