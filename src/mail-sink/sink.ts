import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SinkMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  receivedAt: string;
}

export interface MailSinkOptions {
  host?: string;
  port?: number;
  /** Keep every message as `<dir>/<time>-<n>.eml` so a person can read what would have been sent. */
  dir?: string;
  /** Answer a recipient with an SMTP error (e.g. 451 or 550) to exercise failure paths. */
  refuseRecipient?: (address: string) => { code: number; message: string } | undefined;
}

export interface MailSink {
  port: number;
  messages: SinkMessage[];
  /**
   * When set, the answer to each message kept waits for it (a slow receiving server): the message is already
   * in `messages`, as at a real recipient, while its sender still waits for the SMTP answer.
   */
  holdAnswer?: (message: SinkMessage) => Promise<void>;
  close(): Promise<void>;
}

/** A local SMTP server that accepts everything (no auth, no TLS) and keeps it: the development mail sink. */
export async function startMailSink(options: MailSinkOptions = {}): Promise<MailSink> {
  const messages: SinkMessage[] = [];
  const sink: MailSink = { port: 0, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 25 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refusal = options.refuseRecipient?.(address.address);
      if (!refusal) return callback();
      const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const receive = async (raw: Buffer) => {
        let parsed: ParsedMail;
        try {
          parsed = await simpleParser(raw);
        } catch (error) {
          // A message the parser refuses (e.g. past its 1,000 MIME parts) is refused as a receiving server
          // would, permanently; it used to be an unhandled rejection that ended the whole process.
          callback(Object.assign(new Error(`5.6.0 message refused: ${(error as Error).message}`), { responseCode: 554 }));
          return;
        }
        const message: SinkMessage = {
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          raw,
          parsed,
          receivedAt: new Date().toISOString(),
        };
        try {
          if (options.dir) fs.writeFileSync(path.join(options.dir, `${message.receivedAt.replace(/[:.]/g, '-')}-${messages.length + 1}.eml`), raw);
        } catch (error) {
          // A message the sink cannot keep (its directory gone, the disk full) is refused for now, so the
          // sender tries again, as a receiving server would.
          callback(Object.assign(new Error(`4.3.0 message not stored: ${(error as Error).message}`), { responseCode: 451 }));
          return;
        }
        messages.push(message);
        await sink.holdAnswer?.(message).catch(() => undefined);
        callback();
      };
      // The stream does not wait for this handler: every path through it answers the client through
      // callback, failures included (an exception here would be an unhandled rejection, ending the process).
      stream.on('end', () => void receive(Buffer.concat(chunks)));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  sink.port = typeof address === 'object' && address ? address.port : 0;
  return sink;
}
