import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkReadiness, type ReadinessChecks } from './readiness';

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

/** What `/metrics` answers: the text of a Prometheus exporter, fetched when asked. */
export type MetricsSource = () => Promise<{ status: number; contentType: string; body: string }>;

/**
 * `/healthz` and `/readyz` for a process without an HTTP server of its own (the worker), and `/metrics` when
 * given a source: one port for the probes and the scraper (deploy/topology.ts). Plain node:http, GET only.
 * Same answers as healthRoutes gives the API and the banner.
 */
export async function startHealthServer(host: string, port: number, checks: ReadinessChecks, metrics?: MetricsSource): Promise<HealthServer> {
  const server = http.createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'GET /healthz or /readyz' } });
    if (path === '/healthz') return send(200, { ok: true });
    if (path === '/readyz') return void checkReadiness(checks).then((readiness) => send(readiness.ready ? 200 : 503, readiness));
    if (path === '/metrics' && metrics) {
      return void metrics().then(({ status, contentType, body }) => {
        response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
        response.end(body);
      }, (error: Error) => send(503, { error: { code: 'METRICS_UNAVAILABLE', message: `the metrics exporter did not answer: ${error.message}` } }));
    }
    return send(404, { error: { code: 'NOT_FOUND', message: `no route ${request.method} ${path}; this port answers /healthz, /readyz${metrics ? ' and /metrics' : ''}` } });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
