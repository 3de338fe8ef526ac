import type { z } from 'zod';
import { TakedownError } from './errors';

/** Parses input or refuses it with VALIDATION_FAILED naming every offending field and why. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '(root)';
    (fields[field] ??= []).push(issue.message);
  }
  const summary = Object.entries(fields).map(([field, messages]) => `${field}: ${messages.join('; ')}`).join('; ');
  throw new TakedownError('VALIDATION_FAILED', `${what} is invalid: ${summary}`, fields);
}
