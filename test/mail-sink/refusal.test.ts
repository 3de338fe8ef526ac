import nodemailer from 'nodemailer';
import { startMailSink, type MailSink } from '../../src/mail-sink/sink';

/** The local mail sink (`npm start`, tests, benchmarks) must answer every message, never end the process that runs it. */
let sink: MailSink;
beforeEach(async () => { sink = await startMailSink(); });
afterEach(() => sink.close());

const send = (attachments: number) => {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
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
