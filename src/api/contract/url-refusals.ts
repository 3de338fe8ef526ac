import { TakedownError } from '../../../domain/errors';
import type { Api } from '../types';

/** The longest URL path the API answers; the router refuses a path parameter past it too (maxParamLength). */
export const maxPathChars = 2048;

/** A route's URL pattern (`/api/cases/:caseId`, `/x/*`) as a regular expression over request paths. */
const patternOf = (url: string) =>
  new RegExp(
    `^${url
      .split('/')
      .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}$`,
  );

/**
 * Refusals of a URL before any route: a path past 2,048 characters (414), a known path asked with a method it
 * does not take (405, with the `Allow` header), and an unknown path (404), all in the catalogue's shape. They
 * are answered on arrival, before any body is read, so a bad body on a wrong URL is not what is reported.
 */
export function refuseBadUrls(app: Api): void {
  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, pattern: patternOf(route.url) });
  });
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.length > maxPathChars)
      throw new TakedownError(
        'URL_TOO_LONG',
        `the URL path has ${path.length} characters; the API answers paths of at most ${maxPathChars.toLocaleString('en-US')}`,
      );
    if (!request.is404) return;
    const allowed = [...new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method))];
    if (allowed.length === 0) throw new TakedownError('NOT_FOUND', `no route ${request.method} ${path}`);
    void reply.header('allow', allowed.join(', '));
    throw new TakedownError('METHOD_NOT_ALLOWED', `${path} does not take ${request.method}; it takes ${allowed.join(', ')}`);
  });
}
