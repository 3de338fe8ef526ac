/** Samples the benchmark process's resident memory (activities, the API, the drivers and the local parts; the workflow worker has its own process, bench/workflow-worker.ts). */
export function rssSampler(everyMs = 200) {
  let peak = process.memoryUsage().rss;
  let sincePeak = peak;
  const timer = setInterval(() => { const rss = process.memoryUsage().rss; peak = Math.max(peak, rss); sincePeak = Math.max(sincePeak, rss); }, everyMs);
  timer.unref();
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  return {
    /** Peak over the whole run, in MB. */
    peakMb: () => mb(peak),
    /** Peak since the last `mark()`, in MB (one part of the run). */
    mark: () => { const p = mb(sincePeak); sincePeak = process.memoryUsage().rss; return p; },
    stop: () => clearInterval(timer),
  };
}
