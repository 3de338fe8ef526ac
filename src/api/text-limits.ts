import { TakedownError } from '../../domain/errors';
import { maxOperationRows } from '../../domain/operation';

/**
 * Limits on what one request may carry in any field, whatever its route's schema says: what a person
 * types ends up in workflow payloads and histories, and Temporal refuses a payload over 2 MB. The body
 * limit (TAKEDOWN_API_BODY_LIMIT, at most 1.5 MiB) bounds the whole; these bound each part, with an
 * error that names the field.
 */
export const maxTextChars = 20_000;
/** As many items as the longest list the API takes (an operation's rows). */
export const maxListItems = maxOperationRows;

/** Checks every string and list in `body`; `exempt` names top-level fields that hold a whole file (an import). */
export function checkTextLimits(body: unknown, exempt: readonly string[] = []): void {
  const fields: Record<string, string[]> = {};
  const visit = (value: unknown, at: string, depth: number): void => {
    if (typeof value === 'string') {
      if (value.length > maxTextChars) (fields[at] ??= []).push(`at most ${maxTextChars} characters (this one has ${value.length})`);
    } else if (Array.isArray(value)) {
      if (value.length > maxListItems) (fields[at] ??= []).push(`at most ${maxListItems} items (this list has ${value.length})`);
      else value.forEach((item, i) => visit(item, `${at}.${i}`, depth + 1));
    } else if (value !== null && typeof value === 'object' && depth < 20) {
      for (const [key, item] of Object.entries(value)) {
        if (depth === 0 && exempt.includes(key)) continue;
        visit(item, at ? `${at}.${key}` : key, depth + 1);
      }
    }
  };
  visit(body, '', 0);
  const problems = Object.entries(fields);
  if (problems.length > 0) {
    throw new TakedownError('VALIDATION_FAILED', problems.map(([field, messages]) => `${field || 'body'}: ${messages.join('; ')}`).join('; '), fields);
  }
}
