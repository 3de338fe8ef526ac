import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TakedownError } from '../../domain/errors';
import { refusedPayloadField, type RefusedPayload } from '../../domain/refused-payload';

/**
 * Every payload Temporal stores for us (workflow inputs, signals, updates, query answers, activity inputs and
 * results: warrants, sealed flags, evidence, case packages) is encrypted before it leaves the process, with
 * AES-256-GCM. Temporal's database, its Web UI and its exports hold only ciphertext; search attributes are not
 * payloads and hold only what a coordinator filters on (domain/search-attributes.ts).
 *
 * An encrypted payload is the whole original payload (its metadata too), serialised, as
 * `iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`, with the encoding `binary/encrypted` and the ID of the key that
 * encrypted it beside it, so keys can rotate: the first key encrypts, every key decrypts.
 */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

export const encryptedEncoding = 'binary/encrypted';
export const keyIdMetadataKey = 'encryption-key-id';
const ivBytes = 12;
const tagBytes = 16;
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export interface PayloadCodecOptions {
  /**
   * Production (src/temporal/options.ts): a payload that is not ours, unencrypted or not decryptable with our
   * keys, decodes as a RefusedPayload (domain/refused-payload.ts) instead of passing (unencrypted) or failing
   * the decode (undecryptable). Why at the codec rather than by signing each workflow-to-workflow signal:
   * every payload our processes write is already encrypted and authenticated (AES-GCM) with keys only they hold,
   * so "not ours" is known here for every message at once (signals from the case, from a target, from a notice,
   * custody's, an activity's, the acknowledgement link's), with no second key to hand to the workflow sandbox,
   * and no signal sent before this existed, or by a worker of the previous release during a rolling deploy, is
   * mistaken for a forgery (a signing scheme would refuse those). And a refusal instead of an error: a decode
   * that throws fails the workflow task, which Temporal retries for ever, so a forged message would stall the
   * workflow it was sent to.
   *
   * Off on a local run: the dev server may hold histories recorded before encryption (test/replay too).
   */
  refuseUnencrypted?: boolean;
}

export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly byId: ReadonlyMap<string, Buffer>;
  private readonly refuseUnencrypted: boolean;

  /** `keys`: the newest first; it encrypts, and all of them decrypt. */
  constructor(private readonly keys: readonly PayloadKey[], options: PayloadCodecOptions = {}) {
    this.refuseUnencrypted = options.refuseUnencrypted ?? false;
    if (keys.length === 0) throw new TakedownError('CONFIG_INVALID', 'payload encryption needs at least one key');
    for (const { id, key } of keys) if (key.length !== 32) throw new TakedownError('CONFIG_INVALID', `payload key ${id} is ${key.length} bytes; AES-256 takes 32`);
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0]!;
    return payloads.map((payload) => {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The key ID is authenticated too: a payload relabelled with another key's ID does not decrypt.
      cipher.setAAD(Buffer.from(id, 'utf8'));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(encryptedEncoding), [keyIdMetadataKey]: Buffer.from(id) },
        data: Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]),
      };
    });
  }

  /**
   * Decrypts what this codec encrypted. A payload stored before encryption was turned on passes as it is (a
   * running case's older events); one encrypted with a key this process lacks, or altered, is an error naming
   * the key, never returned as it is. With `refuseUnencrypted`, each of those decodes as a RefusedPayload.
   */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    if (!this.refuseUnencrypted) return payloads.map((payload) => this.decodeOne(payload));
    return payloads.map((payload) => {
      if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== encryptedEncoding) return refused('unencrypted', originalOf(payload));
      try {
        return this.decodeOne(payload);
      } catch (error) {
        return refused(error instanceof Error ? error.message : String(error));
      }
    });
  }

  private decodeOne(payload: Payload): Payload {
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== encryptedEncoding) return payload;
    const id = text(payload.metadata?.[keyIdMetadataKey]) ?? '';
    const key = this.byId.get(id);
    if (!key) {
      throw new TakedownError('PAYLOAD_KEY_UNKNOWN', `a payload is encrypted with key "${id}", which TAKEDOWN_PAYLOAD_KEYS does not hold (it holds ${[...this.byId.keys()].map((k) => `"${k}"`).join(', ')}); add that key after the current one`);
    }
    const data = Buffer.from(payload.data ?? []);
    if (data.length < ivBytes + tagBytes) throw new TakedownError('PAYLOAD_UNREADABLE', `an encrypted payload of key "${id}" is ${data.length} bytes, shorter than its IV and tag`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivBytes));
    decipher.setAAD(Buffer.from(id, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - tagBytes));
    try {
      const plain = Buffer.concat([decipher.update(data.subarray(ivBytes, data.length - tagBytes)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    } catch {
      throw new TakedownError('PAYLOAD_UNREADABLE', `an encrypted payload of key "${id}" failed its integrity check: altered, or encrypted with another key of that ID`);
    }
  }
}

/** The RefusedPayload as a JSON payload, which the workflow's payload converter reads like any other. */
function refused(reason: string, original?: unknown): Payload {
  const value: RefusedPayload = { [refusedPayloadField]: reason, ...(original !== undefined ? { original } : {}) };
  return { metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) };
}

/** What an unencrypted JSON payload held (what the Temporal CLI and Web UI send), else nothing. */
function originalOf(payload: Payload): unknown {
  if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== 'json/plain') return undefined;
  try {
    return JSON.parse(text(payload.data) ?? '');
  } catch {
    return undefined;
  }
}
