import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { workflowBundle, workflowBundleOptions } from './workflow-bundle';

const root = path.join(__dirname, '..');

/**
 * What a workflow bundle is made of: the workflow code and everything it imports (domain/, activities/ and lib/ for
 * their types, the bundle's own settings), the locked dependency versions (zod, tldts, tweetnacl, the SDK)
 * and the actor public keys written into it. Any change to them is a new bundle; nothing else is.
 */
const sourceDirs = ['workflows', 'domain', 'activities', 'lib'];
const sourceFiles = ['worker/workflow-bundle.ts', 'worker/preloaded-libraries.ts', 'worker/zod-locales-english.cjs', 'package-lock.json'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(ts|js|json)$/.test(entry.name) ? [full] : [];
  }).sort();
}

/** The bundle's version: a SHA-256 over its sources (by path and content) and the keys it carries. */
export function workflowBundleVersion(actorPublicKeys: string[]): string {
  const hash = createHash('sha256');
  const files = [...sourceDirs.flatMap((dir) => filesUnder(path.join(root, dir))), ...sourceFiles.map((file) => path.join(root, file))];
  for (const file of files) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  hash.update(JSON.stringify(actorPublicKeys));
  return hash.digest('hex').slice(0, 20);
}

export interface PrebuiltBundle {
  codePath: string;
  version: string;
  /** Built now (and stored), or found from an earlier start or `npm run build:bundle`. */
  built: boolean;
  bytes: number;
  ms: number;
}

/**
 * The workflow bundle for these sources and keys: read from `dir` when a start or `npm run build:bundle` made
 * it before, else built (about 3 s of webpack) and kept there, written whole to a temporary name first so a
 * second worker starting beside never reads half a file; bundles of earlier versions stay until removed. A
 * directory that takes no write (a read-only image) still gets a bundle: in a temporary directory, built again
 * at every start.
 */
export async function prebuiltWorkflowBundle(dir: string, actorPublicKeys: string[], logger?: Logger): Promise<PrebuiltBundle> {
  const started = Date.now();
  const version = workflowBundleVersion(actorPublicKeys);
  const codePath = path.join(dir, `workflows-${version}.js`);
  if (fs.existsSync(codePath)) return { codePath, version, built: false, bytes: fs.statSync(codePath).size, ms: Date.now() - started };
  const { code } = await bundleWorkflowCode({ ...workflowBundle, ...workflowBundleOptions(actorPublicKeys), ...(logger ? { logger } : {}) });
  const target = writable(dir) ? codePath : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-bundle-')), path.basename(codePath));
  // Two containers both starting a new version share the volume and may both be pid 1: a random name each.
  const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, target);
  return { codePath: target, version, built: true, bytes: Buffer.byteLength(code), ms: Date.now() - started };
}

function writable(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
