import type { OperationStatus } from '../../domain/operation';
import type { BenchApi } from './api';

/**
 * The coordinator's view of an operation, read once per tick for every case still waiting on it: a case
 * waits here until the operation's page shows it opened (its targets through lookup and evidence), instead
 * of each case's page being read over and over while it opens. A read the busy engine does not answer
 * (503) is tried again at the next tick.
 */
export function watchOperation(api: BenchApi, operationId: string, everyMs: number) {
  const waiting = new Map<string, () => void>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (waiting.size > 0) {
      const r = await api.call('patel', { method: 'GET', url: `/api/operations/${operationId}` });
      if (r.statusCode === 200) {
        for (const c of r.json<OperationStatus>().cases) {
          if (c.state !== 'opened') continue;
          waiting.get(c.caseId)?.();
          waiting.delete(c.caseId);
        }
      } else if (r.statusCode !== 503) throw new Error(`GET /api/operations/${operationId}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    }
    if (!stopped) timer = setTimeout(() => void tick().catch(fail), everyMs);
  };
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => { fail = reject; });
  failed.catch(() => undefined);
  void tick().catch(fail);
  return {
    /** Resolves when the operation shows the case opened. */
    opened: (caseId: string) => Promise.race([new Promise<void>((resolve) => waiting.set(caseId, resolve)), failed]),
    stop() { stopped = true; clearTimeout(timer); },
  };
}
