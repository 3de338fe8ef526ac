import { ApplicationFailure } from '@temporalio/workflow';
import { TakedownError } from '../../domain/errors';

/**
 * Runs a validator body and turns a TakedownError into a non-retryable ApplicationFailure whose type is
 * the catalogue code, so the caller of an Update sees exactly why it was refused and nothing is recorded.
 */
export function refuseOnError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof TakedownError) {
      throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true, details: error.fields ? [error.fields] : [] });
    }
    throw error;
  }
}

/** The catalogue code of an activity or child failure, if it carries one. */
export function failureType(error: unknown): string | undefined {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    if (current instanceof ApplicationFailure && current.type) return current.type;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
