import nodemailer from 'nodemailer';
import { createHash } from 'node:crypto';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
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
