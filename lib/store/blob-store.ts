import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Content-addressed storage for evidence and raw responses: the key is the SHA-256 of the bytes. */
export interface BlobStore {
  put(content: string | Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer | undefined>;
}

export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Blobs as files `<dir>/<aa>/<sha256>`; writing the same bytes twice is a no-op, so retries are safe. */
export function createFileBlobStore(dir: string): BlobStore {
  const fileOf = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  return {
    async put(content) {
      const sha = sha256Hex(content);
      const file = fileOf(sha);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename so a crash never leaves a half-written blob under its final name.
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, content);
      await fs.rename(temp, file);
      return sha;
    },
    async get(sha) {
      if (!/^[0-9a-f]{64}$/.test(sha)) return undefined;
      return fs.readFile(fileOf(sha)).catch(() => undefined);
    },
  };
}
