import { disseminationOutcomes, outcomeLabels, type DisseminationOutcome } from '../../../domain/dissemination';
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

/** The page from a dissemination notice's link: what was passed on, and the one form where the recipient records what came of it. */
export function outcomePage(notice: AckableNotice, about: string, formToken: string, recorded: { outcome: string; by: string; at: string } | undefined, action: string): string {
  const choices = disseminationOutcomes.map((o, i) => `<label><input type="radio" name="outcome" value="${o}" required${i === 0 ? ' id="outcome-first"' : ''}> ${esc(outcomeLabels[o])}</label>`).join('\n    ');
  const form = recorded
    ? `<section class="card"><h2>What came of it</h2><p class="done">Recorded already: ${esc(outcomeLabels[recorded.outcome as DisseminationOutcome] ?? recorded.outcome)}, by ${esc(recorded.by)} on ${esc(recorded.at)}. Thank you.</p></section>`
    : `<form method="post" action="${esc(action)}" class="card">
  <fieldset><legend>What came of it</legend>
  <input type="hidden" name="_csrf" value="${esc(formToken)}"><input type="hidden" name="kind" value="outcome">
  <fieldset class="check"><legend>Outcome <span aria-hidden="true">*</span></legend>
    ${choices}
  </fieldset>
  <label for="outcome-name">Your name or desk <span aria-hidden="true">*</span></label><input id="outcome-name" name="name" required maxlength="200" autocomplete="name">
  <label for="outcome-email">E-mail</label><input id="outcome-email" name="email" type="email" maxlength="200" autocomplete="email">
  <label for="outcome-reference">Your case or file reference</label><input id="outcome-reference" name="reference" maxlength="200">
  <label for="outcome-comment">Comment</label><textarea id="outcome-comment" name="comment" rows="3" maxlength="2000"></textarea>
  <button type="submit">Record the outcome</button></fieldset></form>`;
  return layout({
    title: `Dissemination ${notice.noticeId}`,
    main: `<h1>Record what came of a lead passed to you</h1>
<dl class="facts">
  <dt>Notice</dt><dd>${esc(notice.subject)}</dd>
  <dt>Reference</dt><dd><code>${esc(notice.noticeId)}</code></dd>
  <dt>About</dt><dd>${esc(about)}</dd>
  <dt>Sent</dt><dd>${esc(notice.sentAt)} to ${esc(notice.to.join(', '))}</dd>
</dl>
<p>No account is needed: this link is signed for this notice only. The outcome can be recorded once.</p>
${form}`,
  });
}

export function outcomeDonePage(outcome: DisseminationOutcome, noticeId: string): string {
  return layout({ title: 'Thank you', main: `<h1>Thank you</h1><p class="message" role="status">We have recorded "${esc(outcomeLabels[outcome])}" for <code>${esc(noticeId)}</code>.</p>` });
}
