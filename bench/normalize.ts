import fs from 'node:fs';
import path from 'node:path';
import { normalizeTarget } from '../domain/targets/normalize';

/**
 * How fast target normalisation runs and how much memory it holds: a 10,000-target operation import
 * normalises every row first, in the API and again in the workflow. Run: `npx tsx bench/normalize.ts`.
 */
const samples = [
  'https://www.Luxury-Outlet-{n}.com/handbags?ref=ig',
  'cheap-watches-{n}.net',
  'bücher-{n}.de',
  'https://x.com/seller{n}/status/17',
  'https://www.instagram.com/replica.shop{n}/',
  'shop{n}.blogspot.com',
  'https://tiktok.com/@fakes{n}/video/1',
  'not a domain {n}',
];

function run(count: number): { perSecond: number; heapDeltaMb: number; refused: number } {
  const inputs = Array.from({ length: count }, (_, i) => samples[i % samples.length]!.replace('{n}', String(i)));
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const results = inputs.map(normalizeTarget);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  return { perSecond: Math.round(count / seconds), heapDeltaMb: Math.round(heapDeltaMb * 10) / 10, refused: results.filter((r) => !r.ok).length };
}

run(2_000); // warm up the JIT
const result = { benchmark: 'normalize', count: 100_000, node: process.version, at: new Date().toISOString(), ...run(100_000) };
console.log(JSON.stringify(result));
fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'results', 'normalize.json'), JSON.stringify(result, null, 2) + '\n');
