/**
 * A call's outcome, or `late()` as a rejection once `ms` have passed, without cancelling the call itself: it runs
 * on and its result is dropped. A gRPC deadline would cancel it on the engine, and the dev server's SQLite store
 * (what `npm start` and the tests run on) does not survive cancellations well: a statement interrupted at the wrong
 * moment leaves its connection failing every later one with "interrupted (9)" (seen in CI, 2026-12-02, after reads
 * with short deadlines; the same race is known in Go's SQLite drivers, e.g. mattn/go-sqlite3#488). The engine ends
 * an abandoned query itself, after its own timeout.
 */
export function within<T>(call: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(late()), Math.max(0, ms)); });
  // A call given up on may still fail later: that failure is nobody's to handle.
  call.catch(() => undefined);
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}
