import type { Payload } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TakedownError } from '../../../domain/errors';
import { guard } from '../auth';
import type { CodecSettings } from '../deps';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, signedIn } from '../contract/responses';

/**
 * The codec server: the Temporal Web UI (and `temporal` CLI's --codec-endpoint) sends the payloads it shows
 * here to be decrypted, so an engineer reads a workflow's inputs only when signed in with a role that reads
 * every case's sealed facts; anyone else sees ciphertext. Bearer tokens only: the Web UI passes the person's
 * access token (TEMPORAL_CODEC_PASS_ACCESS_TOKEN); a cookie session would need our CSRF header, which it
 * does not send. The payloads travel as Temporal's JSON form: metadata and data in base64.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'base64' });
const payloadsBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(1000, 'at most 1,000 payloads a request'),
});
type JsonPayload = z.infer<typeof payloadsBody>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

export function codecRoutes(app: Api, { deps, csrf }: RouteContext, settings: CodecSettings): void {
  const cors = (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (!origin || !settings.corsOrigins.includes(origin)) return;
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin').header('access-control-allow-credentials', 'true')
      .header('access-control-allow-methods', 'POST, OPTIONS').header('access-control-allow-headers', 'authorization, content-type, x-namespace').header('access-control-max-age', '600');
  };
  const routes: ['/codec/decode' | '/codec/encode', 'decode' | 'encode'][] = [['/codec/decode', 'decode'], ...(settings.encode === false ? [] : [['/codec/encode', 'encode'] as ['/codec/encode', 'encode']])];
  for (const [path, direction] of routes) {
    // The browser's preflight carries no credentials: it learns only whether this origin may ask.
    app.options(path, { schema: { hide: true } }, async (request, reply) => { cors(request, reply); return reply.code(204).send(); });
    app.post(path, {
      schema: {
        tags: ['codec'], summary: `${direction === 'decode' ? 'Decrypt' : 'Encrypt'} Temporal payloads for the Temporal Web UI (supervisors)`,
        headers: z.object({ 'x-namespace': z.string().optional() }), body: payloadsBody,
        response: answers({ 200: bodies.payloads }, [...signedIn, 422]),
      },
      config: { longText: ['payloads'] },
      onRequest: async (request, reply) => { cors(request, reply); },
      preValidation: guard(deps, csrf, 'decodePayloads'),
    }, async (request) => {
      const namespace = request.headers['x-namespace'];
      if (namespace && namespace !== settings.namespace) {
        throw new TakedownError('VALIDATION_FAILED', `X-Namespace: this codec serves the namespace "${settings.namespace}", not "${namespace}"`, { 'x-namespace': [`"${settings.namespace}"`] });
      }
      const payloads = request.body.payloads.map(fromJson);
      return { payloads: (await settings.codec[direction](payloads)).map(toJson) };
    });
  }
}
