import fs from 'node:fs';
import path from 'node:path';

/**
 * Makes a world's evidence store unwritable (its directory replaced by a file, under which no process, root
 * included, can write); answers how to mend it.
 */
export function breakEvidenceStore(dataDir: string): () => void {
  const dir = path.join(dataDir, 'blobs');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.writeFileSync(dir, 'not a directory');
  return () => { fs.rmSync(dir, { force: true }); fs.mkdirSync(dir, { recursive: true }); };
}
