import { mailboxProblem, singleMailbox } from '../../domain/mailbox';
import type { RegistrarInfo } from '../../domain/registration';

type AbuseContact = Pick<RegistrarInfo, 'abuseEmail' | 'abuseEmailRefused'>;

/** Longest refused value kept in the record (the raw answer, byte for byte, is in the blob store anyway). */
const keptChars = 200;

/**
 * The abuse address as a registry or registrar published it, taken only when it is exactly one address.
 * Anything else ("abuse@registrar, someone@else", a name with brackets, garbage) is dropped and kept as
 * refused with the reason, so the record says why the registrar notice has no address instead of a
 * notice going to whoever the server's operator listed.
 */
export function abuseContact(published: string | undefined): AbuseContact {
  if (published === undefined || published.trim() === '') return {};
  const address = singleMailbox(published);
  if (address) return { abuseEmail: address };
  return { abuseEmailRefused: `${JSON.stringify(published.trim().slice(0, keptChars))}: ${mailboxProblem(published)}` };
}

/** The first source's usable address, else the second's; a refusal is kept only when no source had a usable one. */
export function preferAbuseContact(first: AbuseContact, second: AbuseContact): AbuseContact {
  const abuseEmail = first.abuseEmail ?? second.abuseEmail;
  if (abuseEmail) return { abuseEmail };
  const abuseEmailRefused = first.abuseEmailRefused ?? second.abuseEmailRefused;
  return abuseEmailRefused ? { abuseEmailRefused } : {};
}
