// A container health check without curl or wget in the image: `node deploy/healthcheck.mjs <url>` exits 0 when the
// URL answers 2xx within 4 seconds, else 1 with the reason on stderr (Docker keeps it in the health log).
// Plain JavaScript, so it starts in milliseconds without tsx.
const url = process.argv[2];
if (!url) {
  console.error('usage: node deploy/healthcheck.mjs <url>');
  process.exit(2);
}
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000), redirect: 'manual' });
  if (response.status >= 200 && response.status < 300) process.exit(0);
  console.error(`${url}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
} catch (error) {
  console.error(`${url}: ${error instanceof Error ? (error.cause?.code ?? error.cause?.message ?? error.message) : error}`);
}
process.exit(1);
