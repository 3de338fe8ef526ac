import fs from 'node:fs';
import path from 'node:path';
import { temporalDynamicConfig } from '../../deploy/topology';

export interface ClusterPorts {
  /** The frontend, the one port clients use (TLS). */
  frontend: number;
  history: number;
  matching: number;
  worker: number;
  /** Membership (ringpop) ports: frontend, history, matching, worker. */
  membership: [number, number, number, number];
}

export interface TemporalConfigInput {
  /** Where config/cluster.yaml and config/dynamicconfig.yaml are written (temporal-server --root). */
  root: string;
  ports: ClusterPorts;
  postgres: { port: number; user: string; password: string };
  /** tls.sh's directory and the frontend's server name. */
  tlsDir: string;
  serverName: string;
}

/**
 * Temporal's server configuration for one machine: every service on 127.0.0.1, PostgreSQL for history and
 * visibility, mTLS on the frontend (clients and the server's own system worker present a certificate of our
 * CA), and the container stack's dynamic config (deploy/temporal/dynamicconfig.yaml). Written at every start.
 */
export function writeTemporalConfig(input: TemporalConfigInput): void {
  const { ports, postgres, tlsDir, serverName } = input;
  const store = (database: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "127.0.0.1:${postgres.port}"
        connectProtocol: tcp
        user: ${postgres.user}
        password: "${postgres.password}"
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnIP: 127.0.0.1`;
  const file = (name: string) => JSON.stringify(path.join(tlsDir, name));
  const config = `# Written by scripts/cluster/temporal-config.ts at every start; edit that file instead.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:${store('temporal', 20)}
    postgres-visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  tls:
    frontend:
      server:
        certFile: ${file('frontend.pem')}
        keyFile: ${file('frontend-key.pem')}
        requireClientAuth: true
        clientCaFiles: [${file('ca.pem')}]
      client:
        serverName: ${serverName}
        rootCaFiles: [${file('ca.pem')}]
    systemWorker:
      certFile: ${file('client.pem')}
      keyFile: ${file('client-key.pem')}
      client:
        serverName: ${serverName}
        rootCaFiles: [${file('ca.pem')}]
services:
  frontend:${service(ports.frontend, ports.membership[0])}
  history:${service(ports.history, ports.membership[1])}
  matching:${service(ports.matching, ports.membership[2])}
  worker:${service(ports.worker, ports.membership[3])}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
archival:
  history:
    state: disabled
  visibility:
    state: disabled
namespaceDefaults:
  archival:
    history:
      state: disabled
    visibility:
      state: disabled
dynamicConfigClient:
  filepath: ${JSON.stringify(path.join(input.root, 'config', 'dynamicconfig.yaml'))}
  pollInterval: 10s
`;
  // The container stack's dynamic config (fairness for the per-host lookup limit, one partition on the lookup
  // queue, the longer lock wait for signals), so both run the same server; plus search attributes registered at
  // start visible to the first workflows at once (the dev server instead starts again after registering one:
  // refreshing on every read cost it 257 SQLite reads per target, scripts/temporal-server.ts).
  const dynamic = `${fs.readFileSync(path.join(__dirname, '..', '..', temporalDynamicConfig), 'utf8')}
# Added by scripts/cluster/temporal-config.ts: attributes registered at start usable by the first workflows.
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
`;
  fs.mkdirSync(path.join(input.root, 'config'), { recursive: true });
  fs.writeFileSync(path.join(input.root, 'config', 'cluster.yaml'), config, { mode: 0o600 });
  fs.writeFileSync(path.join(input.root, 'config', 'dynamicconfig.yaml'), dynamic);
}
