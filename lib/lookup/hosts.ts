import { createHash } from 'node:crypto';

/** Temporal's limit on a fairness key (bytes). */
export const maxFairnessKeyBytes = 64;

/**
 * The task-queue fairness key for one RDAP/WHOIS host ("host[:port]", lower case). The server limits
 * every key of the lookup queue to TAKEDOWN_LOOKUP_HOST_RATE tasks a second, so one host is one key.
 * A host name longer than the 64 bytes Temporal allows keeps its head and gets a hash of the whole as
 * its tail, so two long names stay two keys.
 */
export function fairnessKeyOf(host: string): string {
  const key = host.trim().toLowerCase();
  if (Buffer.byteLength(key) <= maxFairnessKeyBytes) return key;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `${Buffer.from(key).subarray(0, maxFairnessKeyBytes - hash.length - 1).toString('utf8').replace(/\uFFFD+$/, '')}~${hash}`;
}
