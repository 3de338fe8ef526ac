import http from 'node:http';
import https from 'node:https';

export interface BannerResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request to the banner with any Host header (fetch forbids setting Host, and the banner keys on it).
 * `form` is sent URL-encoded, as a browser submits the tip form.
 */
export function bannerRequest(baseUrl: string, options: { host?: string; method?: string; path?: string; form?: Record<string, string>; body?: string; headers?: Record<string, string>; ca?: Buffer }): Promise<BannerResponse> {
  const url = new URL(options.path ?? '/', baseUrl);
  const body = options.form ? new URLSearchParams(options.form).toString() : options.body;
  const headers: Record<string, string> = { ...(options.host ? { host: options.host } : {}), ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}), ...options.headers };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: options.method ?? (body !== undefined ? 'POST' : 'GET'), headers, ca: options.ca, agent: false, servername: options.host?.replace(/:\d+$/, '') }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The hidden anti-forgery token of a served tip form. */
export function formToken(page: string): string {
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('the page has no tip form token');
  return token;
}
