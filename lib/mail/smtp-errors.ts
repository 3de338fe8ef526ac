/**
 * How a mail server's refusal is read. nodemailer gives `responseCode` and `permanent` (451 → false,
 * 550 → true); connection errors (ECONNREFUSED, ETIMEDOUT, greeting timeouts) have neither and are
 * temporary: the server may be back soon, and Temporal retries with backoff.
 */
export interface SmtpOutcome {
  permanent: boolean;
  responseCode?: number;
  /** The server's answer as it gave it, or the connection error. */
  answer: string;
  /** Our own configuration was refused (credentials, TLS required): every notice would be refused alike. */
  configuration: boolean;
}

/** Answers about us, not about the notice: authentication required or failed, encryption required. */
const configurationCodes = new Set([530, 534, 535, 538]);
const configurationErrors = new Set(['EAUTH', 'ENOAUTH', 'ETLS']);

export function classifySmtpError(error: unknown): SmtpOutcome {
  const smtp = error as { responseCode?: number; response?: string; permanent?: boolean; code?: string; message?: string };
  const answer = smtp.response ?? (smtp.code ? `${smtp.code}: ${smtp.message ?? ''}` : smtp.message) ?? String(error);
  const permanent = smtp.permanent === true || (smtp.responseCode !== undefined && smtp.responseCode >= 500 && smtp.responseCode < 600);
  const configuration = (smtp.code !== undefined && configurationErrors.has(smtp.code)) || (smtp.responseCode !== undefined && configurationCodes.has(smtp.responseCode));
  return { permanent: permanent && !configuration, responseCode: smtp.responseCode, answer, configuration };
}
