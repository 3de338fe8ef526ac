/** The message of what actually failed: an activity failure wraps the activity's own error as its cause. */
export function causeMessage(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current?.cause) current = current.cause as { message?: string; cause?: unknown };
  return current?.message ?? String(error);
}
