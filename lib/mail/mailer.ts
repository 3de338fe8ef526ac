import nodemailer from 'nodemailer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465). */
  secure: boolean;
  /** Refuse to send unless the server offers STARTTLS (for port 587 and 25 relays that must encrypt). */
  requireTls?: boolean;
  /** Check the server's certificate (off only for a test relay with a self-signed certificate). */
  tlsRejectUnauthorized?: boolean;
  user?: string;
  password?: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

/** One SMTP transport; nodemailer does not retry on its own, Temporal's retry policy does. */
export function createMailTransport(smtp: SmtpSettings) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls ?? false,
    tls: { rejectUnauthorized: smtp.tlsRejectUnauthorized ?? true },
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    dkim: smtp.dkim,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
export type MailTransport = ReturnType<typeof createMailTransport>;

/** The same notice always gets the same Message-ID, so receivers that dedupe by it see one message. */
export function deterministicMessageId(workflowId: string, noticeId: string, mailDomain: string): string {
  const digest = createHash('sha256').update(`${workflowId}\n${noticeId}`).digest('hex').slice(0, 32);
  return `<${digest}@${mailDomain}>`;
}

/**
 * DKIM signing from configuration: all three settings or none. Read at worker start, so a missing or
 * unreadable key stops the worker naming the variable, not the first seizure order.
 */
export function loadDkim(settings: { domain?: string; selector?: string; keyFile?: string }): SmtpSettings['dkim'] {
  const given = [settings.domain, settings.selector, settings.keyFile].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (given !== 3) throw new Error('TAKEDOWN_DKIM_DOMAIN, TAKEDOWN_DKIM_SELECTOR and TAKEDOWN_DKIM_PRIVATE_KEY_FILE must be set together');
  let privateKey: string;
  try {
    privateKey = fs.readFileSync(settings.keyFile!, 'utf8');
  } catch (error) {
    throw new Error(`TAKEDOWN_DKIM_PRIVATE_KEY_FILE: cannot read ${settings.keyFile}: ${(error as Error).message}`);
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(privateKey)) throw new Error(`TAKEDOWN_DKIM_PRIVATE_KEY_FILE: ${settings.keyFile} holds no PEM private key`);
  return { domainName: settings.domain!, keySelector: settings.selector!, privateKey };
}
