/**
 * A progress bar on stderr: `[####....] done/N  phase  elapsed`. On a terminal it redraws one line;
 * otherwise (a log file, CI) it prints a line when the phase changes and at most every 10 s.
 */
export function progressBar(label: string, total: number) {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  let lastPhase = '';
  const render = (done: number, phase: string) => {
    const width = 30;
    const filled = Math.round((Math.min(done, total) / Math.max(total, 1)) * width);
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  ${phase}  ${elapsed}s`;
  };
  return {
    update(done: number, phase: string) {
      const line = render(done, phase);
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
      else if (phase !== lastPhase || Date.now() - lastLine > 10_000) { process.stderr.write(`${line}\n`); lastLine = Date.now(); }
      lastPhase = phase;
    },
    finish(done: number, phase = 'done') {
      const line = render(done, phase);
      process.stderr.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}

/**
 * Polls `read` every `everyMs` and draws it until `stop()` is called. Calls `onStall` when neither the
 * count nor the phase has moved for `stallSeconds` (a run that hangs says so instead of waiting for ever).
 */
/** What a side reports: targets done, its phase, and optionally any other count that moves while nothing is done yet. */
export interface Progress {
  done: number;
  phase: string;
  activity?: number;
}

export function followProgress(bar: ReturnType<typeof progressBar>, read: () => Promise<Progress>, everyMs: number, stallSeconds: number, onStall: (last: Progress) => void) {
  let stopped = false;
  let last: Progress = { done: 0, phase: 'starting' };
  let movedAt = Date.now();
  const loop = (async () => {
    while (!stopped) {
      const now = await read().catch(() => last);
      if (now.done !== last.done || now.phase !== last.phase || now.activity !== last.activity) movedAt = Date.now();
      last = now;
      if (stopped) break;
      bar.update(last.done, last.phase);
      if (Date.now() - movedAt > stallSeconds * 1000) { onStall(last); return; }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return { async stop(finalPhase = 'done') { stopped = true; await loop; last = await read().catch(() => last); bar.finish(last.done, finalPhase); } };
}
