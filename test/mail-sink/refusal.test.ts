import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { startMailSink, type MailSink } from '../../src/mail-sink/sink';

/** The local mail sink (`npm start`, tests, benchmarks) must answer every message, never end the process that runs it. */
let sink: MailSink;
beforeEach(async () => { sink = await startMailSink(); });
afterEach(() => sink.close());

const send = (attachments: number, port = sink.port) => {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return transport.sendMail({
    from: 'takedown@iprcenter.example', to: 'abuse@registrar.example', subject: `${attachments} attachments`, text: 'x',
    attachments: Array.from({ length: attachments }, (_, i) => ({ filename: `xarf-${i}.json`, content: '{}', contentType: 'application/json' })),
  }).finally(() => transport.close());
};

test('a message the parser cannot take (past 1,000 MIME parts) is refused permanently with 554; the sink goes on taking mail', async () => {
  await expect(send(1_100)).rejects.toMatchObject({ responseCode: 554, response: expect.stringContaining('message refused: Max allowed child nodes exceeded') });
  expect(sink.messages).toHaveLength(0);
  await send(3);
  expect(sink.messages.map((m) => m.parsed.subject)).toEqual(['3 attachments']);
});

test('a message the sink cannot keep (its directory gone) is refused for now with 451; once it can, the next is kept', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-sink-'));
  const keeping = await startMailSink({ dir });
  try {
    fs.rmSync(dir, { recursive: true });
    await expect(send(1, keeping.port)).rejects.toMatchObject({ responseCode: 451, response: expect.stringContaining('message not stored') });
    expect(keeping.messages).toHaveLength(0);
    fs.mkdirSync(dir);
    await send(2, keeping.port);
    expect(keeping.messages.map((m) => m.parsed.subject)).toEqual(['2 attachments']);
    expect(fs.readdirSync(dir)).toEqual([expect.stringMatching(/-1\.eml$/)]);
  } finally {
    await keeping.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
