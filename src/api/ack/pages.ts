import type { TargetNotice } from '../../../domain/notice-records';
import { esc, layout } from '../../web/html';
import type { AckKind } from './used-links';

/** The page a recipient sees from the link in a notice: what the notice covered, and the two confirmations. */
/** A notice as its sender holds it: a target's own record of a case notice lists no covers. */
export type AckableNotice = TargetNotice & { covers?: string[] };

export function ackPage(notice: AckableNotice, caseId: string, formToken: string, used: AckKind[], action: string): string {
  const form = (kind: AckKind, legend: string, button: string, extra: string) =>
    used.includes(kind)
      ? `<section class="card"><h2>${esc(legend)}</h2><p class="done">Already confirmed through this link. Thank you.</p></section>`
      : `<form method="post" action="${esc(action)}" class="card">
  <fieldset><legend>${esc(legend)}</legend>
  <input type="hidden" name="_csrf" value="${esc(formToken)}"><input type="hidden" name="kind" value="${kind}">
  <label for="${kind}-name">Your name or desk <span aria-hidden="true">*</span></label><input id="${kind}-name" name="name" required maxlength="200" autocomplete="name">
  <label for="${kind}-email">E-mail</label><input id="${kind}-email" name="email" type="email" maxlength="200" autocomplete="email">
  ${extra}
  <button type="submit">${esc(button)}</button></fieldset></form>`;
  return layout({
    title: `Notice ${notice.noticeId}`,
    main: `<h1>Acknowledge a notice</h1>
<dl class="facts">
  <dt>Notice</dt><dd>${esc(notice.subject)}</dd>
  <dt>Reference</dt><dd><code>${esc(notice.noticeId)}</code></dd>
  <dt>Case</dt><dd>${esc(caseId)}</dd>
  <dt>Sent</dt><dd>${esc(notice.sentAt)} to ${esc(notice.to.join(', '))}</dd>
  ${notice.covers ? `<dt>Covers</dt><dd><ul>${notice.covers.map((c) => `<li><code>${esc(c)}</code></li>`).join('')}</ul></dd>` : ''}
</dl>
<p>No account is needed: this link is signed for this notice only. Each confirmation can be given once.</p>
<div class="two">
${form('received', 'Confirm receipt', 'Confirm receipt', '')}
${form('actioned', 'Confirm action taken', 'Confirm action taken', `<label for="actioned-reference">Your ticket or reference</label><input id="actioned-reference" name="reference" maxlength="200">
  <label for="actioned-comment">Comment</label><textarea id="actioned-comment" name="comment" rows="3" maxlength="2000"></textarea>`)}
</div>`,
  });
}

export function ackDonePage(kind: AckKind, noticeId: string): string {
  const what = kind === 'received' ? 'receipt' : 'the action taken';
  return layout({ title: 'Thank you', main: `<h1>Thank you</h1><p class="message" role="status">We have recorded your confirmation of ${what} for notice <code>${esc(noticeId)}</code>.</p>` });
}

export function ackRefusedPage(title: string, message: string): string {
  return layout({ title, main: `<h1>${esc(title)}</h1><p class="message" role="alert">${esc(message)}</p><p>If you need a new link, reply to the notice's sender.</p>` });
}
