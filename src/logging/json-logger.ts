import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';

/**
 * The worker's log, one JSON object a line on stdout (what a log shipper reads): time, level, message, and
 * the SDK's attributes (workflowId, runId, workflowType, activityType, taskQueue, attempt, …) with the case ID
 * beside them wherever one is known (caseIdOf below, and the activities' log attributes, worker/log-context.ts).
 * The SDK's attributes hold IDs and types, never payloads; anything named like a credential is cut all the same.
 */
export function jsonLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): DefaultLogger {
  return new DefaultLogger(level, (entry) => write(`${JSON.stringify(jsonLogLine(entry))}\n`));
}

const secretName = /secret|password|passwd|token|authorization|cookie|api_?key|private_?key/i;

export function jsonLogLine(entry: LogEntry): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry.meta ?? {})) meta[key] = secretName.test(key) ? '[redacted]' : value instanceof Error ? { name: value.name, message: value.message } : value;
  const caseId = meta.caseId ?? caseIdOf(meta.workflowId);
  return { time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(), level: entry.level, msg: entry.message, ...meta, ...(caseId ? { caseId } : {}) };
}

/** A case's own workflows carry its ID in theirs: `case:<id>` and `case:<id>:review:<round>` (domain/ids.ts). */
export function caseIdOf(workflowId: unknown): string | undefined {
  if (typeof workflowId !== 'string') return undefined;
  const match = /^case:([^:]+)/.exec(workflowId);
  return match?.[1];
}
