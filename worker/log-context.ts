import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { caseIdHeader } from '../workflows/shared/log-interceptors';

/**
 * Puts the case ID on an activity's log lines: from the header its workflow sent (workflows/shared/log-interceptors.ts),
 * else from the first argument's `caseId` (an activity scheduled by an older worker). The SDK already adds the
 * workflow ID, the activity's type and attempt. Its "Activity started" line comes before this runs, so only the
 * lines after it (the activity's own, "Activity completed", "Activity failed") carry the case.
 */
export const caseLogAttributes: ActivityInterceptorsFactory = () => {
  let caseId: string | undefined;
  return {
    inbound: {
      execute(input, next) {
        caseId = fromHeader(input.headers[caseIdHeader]) ?? fromArgs(input.args[0]);
        return next(input);
      },
    },
    outbound: {
      getLogAttributes: (attributes, next) => next(caseId ? { ...attributes, caseId } : attributes),
    },
  };
};

function fromHeader(payload: Parameters<typeof defaultPayloadConverter.fromPayload>[0] | undefined): string | undefined {
  if (!payload) return undefined;
  try {
    const value = defaultPayloadConverter.fromPayload(payload);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined; // not ours to read (another encoding): the line goes without the case
  }
}

function fromArgs(first: unknown): string | undefined {
  const caseId = first !== null && typeof first === 'object' ? (first as { caseId?: unknown }).caseId : undefined;
  return typeof caseId === 'string' ? caseId : undefined;
}
