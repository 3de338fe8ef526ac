import type { MailSink } from '../../src/mail-sink/sink';
import { ackPathIn, formBody, formState } from '../../test/api/ack-form';
import type { BenchApi } from './api';

/** The notices a recipient answers with its signed link: the registry's order and the registrar's notice. */
export const answeredKinds = ['registry-order', 'registrar-notice', 'registrar-courtesy'];

const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

/**
 * The recipients acknowledge: for each notice, its e-mail in the SMTP sink (by Message-ID), the signed
 * link in it, the public page (`GET /ack/<token>`) and its form (`POST`, action taken), as a person at the
 * registry or registrar would. The one place the benchmark acknowledges: whichever workflow holds the
 * notice (the case, or a notice's own workflow), the link names it, so this does not change with it.
 * A page that does not know the notice yet (the holder has not recorded it) is asked again.
 */
export async function acknowledgeNotices(api: BenchApi, sink: MailSink, notices: { noticeId: string; messageId: string }[]): Promise<void> {
  for (const notice of notices) {
    const mail = await waitFor(() => sink.messages.find((m) => bare(m.parsed.messageId) === bare(notice.messageId)), `the e-mail of notice ${notice.noticeId}`);
    const ackPath = ackPathIn(mail.parsed.text ?? '');
    await waitFor(async () => {
      const page = await api.call(null, { method: 'GET', url: ackPath });
      // 404: the holder has not recorded the notice yet; 503: the busy engine did not answer in time. A person reloads.
      if (page.statusCode === 404 || page.statusCode === 503) return undefined;
      if (page.statusCode !== 200) throw new Error(`GET ${ackPath} (notice ${notice.noticeId}): ${page.statusCode} ${page.body.slice(0, 300)}`);
      const { cookie, csrf } = formState(page);
      const posted = await api.call(null, {
        method: 'POST', url: ackPath, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrf, kind: 'actioned', name: 'Abuse Desk', reference: `TKT-${notice.noticeId}`, comment: 'seizure executed' }),
      });
      if (posted.statusCode === 503) return undefined; // not recorded (the link stays unused): try again
      if (posted.statusCode !== 200 && posted.statusCode !== 409) throw new Error(`POST ${ackPath} (notice ${notice.noticeId}): ${posted.statusCode} ${posted.body.slice(0, 300)}`);
      return true;
    }, `the acknowledgement page of notice ${notice.noticeId}`);
  }
}

async function waitFor<T>(test: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await test();
    if (answer !== undefined) return answer;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
