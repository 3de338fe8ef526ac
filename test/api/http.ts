/**
 * Requests over real HTTP to the API listening on loopback (fastify's inject needs light-my-request,
 * whose ESM-only `cookie` dependency jest's CommonJS runtime cannot load, and a real socket is closer to use).
 */
export interface CallOptions {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is (give its content-type). */
  payload?: unknown;
}

export interface CallResult {
  statusCode: number;
  headers: Record<string, string>;
  setCookies: string[];
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read what they assert
}

export async function call(baseUrl: string, options: CallOptions): Promise<CallResult> {
  const isJson = options.payload !== undefined && typeof options.payload !== 'string';
  const response = await fetch(`${baseUrl}${options.url}`, {
    method: options.method,
    redirect: 'manual',
    headers: { ...(isJson ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.payload === undefined ? undefined : isJson ? JSON.stringify(options.payload) : (options.payload as string),
  });
  const body = await response.text();
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    setCookies: response.headers.getSetCookie(),
    body,
    json: () => JSON.parse(body),
  };
}
