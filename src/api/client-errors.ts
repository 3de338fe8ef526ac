import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../../domain/errors';
import { httpStatus } from './errors';
import type { ErrorBody } from './contract/responses';

/**
 * Node's HTTP parser refuses some requests before fastify routes them (headers or a URL past 16 KB, bytes
 * that are not HTTP, a request that never finishes arriving). Fastify's default answer there is its own
 * `{"error":"Request Header Fields Too Large",...}`; this one answers from the catalogue like every refusal.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message]: [ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['PAYLOAD_TOO_LARGE', 'the request line and headers (the URL included) are larger than the server accepts (16 KB); shorten the URL']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['VALIDATION_FAILED', 'the request did not arrive in full in time; send it again']
        : ['VALIDATION_FAILED', 'the request is not valid HTTP'];
  const status = httpStatus[code];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
  } else {
    socket.destroy(error);
  }
}
