import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Api } from './types';

/**
 * The OpenAPI document at /docs/json and Swagger UI at /docs, from the files @fastify/swagger-ui ships
 * (served here directly: its plugin pulls in @fastify/static, whose ESM-only dependency jest cannot load).
 * Nothing comes from the internet.
 */
export function docsRoutes(app: Api): void {
  const staticDir = path.join(path.dirname(require.resolve('@fastify/swagger-ui/package.json')), 'static');
  const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png' };

  app.get('/docs/json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Takedown API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head>
<body><div id="swagger"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script src="/assets/docs.js"></script></body></html>`));
  app.get('/docs/static/:file', { schema: { hide: true, params: z.object({ file: z.enum(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']) }) } }, async (request, reply) =>
    reply.type(types[path.extname(request.params.file)]!).header('cache-control', 'public, max-age=86400').send(fs.readFileSync(path.join(staticDir, request.params.file))));
}
