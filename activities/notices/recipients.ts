import { ApplicationFailure } from '@temporalio/common';

/** Our own people are addressed by role (`role:counsel`); the mailbox behind each role is configuration. */
export type RoleMailboxes = Record<string, string[]>;

const rolePrefix = 'role:';

/**
 * Resolves `role:<name>` references to the configured mailboxes (TAKEDOWN_ROLE_MAILBOXES) and passes
 * plain addresses through. A role with no mailbox is a configuration error: non-retryable, named.
 */
export function resolveRecipients(to: readonly string[], roles: RoleMailboxes): string[] {
  const out: string[] = [];
  for (const entry of to) {
    if (!entry.startsWith(rolePrefix)) { out.push(entry); continue; }
    const role = entry.slice(rolePrefix.length);
    const mailboxes = roles[role];
    if (!mailboxes || mailboxes.length === 0) {
      throw ApplicationFailure.create({ type: 'CONFIG_INVALID', message: `no mailbox is configured for ${entry} (TAKEDOWN_ROLE_MAILBOXES has: ${Object.keys(roles).join(', ') || 'nothing'})`, nonRetryable: true });
    }
    out.push(...mailboxes);
  }
  return [...new Set(out)];
}
