import { ApplicationFailure } from '@temporalio/common';
import { mailboxProblem } from '../../domain/mailbox';

/** Our own people are addressed by role (`role:counsel`); the mailbox behind each role is configuration. */
export type RoleMailboxes = Record<string, string[]>;

const rolePrefix = 'role:';

/**
 * Resolves `role:<name>` references to the configured mailboxes (TAKEDOWN_ROLE_MAILBOXES) and passes
 * plain addresses through, each only if it is exactly one address: the mail transport would read
 * "abuse@registrar, someone@else" as two recipients, and a notice must reach no one it was not addressed
 * to. A role with no mailbox is a configuration error; an entry that is not one address is refused. Both
 * non-retryable and named; nothing is sent.
 */
export function resolveRecipients(to: readonly string[], roles: RoleMailboxes): string[] {
  const out: string[] = [];
  for (const entry of to) {
    if (!entry.startsWith(rolePrefix)) {
      const problem = mailboxProblem(entry);
      if (problem) throw ApplicationFailure.create({ type: 'RECIPIENT_INVALID', message: `the recipient ${JSON.stringify(entry.slice(0, 200))} is refused: ${problem}; a notice goes to exactly the addresses it names`, nonRetryable: true });
      out.push(entry.trim());
      continue;
    }
    const role = entry.slice(rolePrefix.length);
    const mailboxes = roles[role];
    if (!mailboxes || mailboxes.length === 0) {
      throw ApplicationFailure.create({ type: 'CONFIG_INVALID', message: `no mailbox is configured for ${entry} (TAKEDOWN_ROLE_MAILBOXES has: ${Object.keys(roles).join(', ') || 'nothing'})`, nonRetryable: true });
    }
    out.push(...mailboxes);
  }
  return [...new Set(out)];
}
