import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { verifyAckToken, type AckClaims } from '../../../lib/ack-token';
import { WorkflowNotFoundError } from '@temporalio/client';
import { custodyStatusQuery, custodyWorkflowId } from '../../../domain/custody';
import { disseminationOutcomes, disseminationStatusQuery, disseminationWorkflowPrefix, recordDisseminationOutcomeSignal, type DisseminationStatus } from '../../../domain/dissemination';
import { TakedownError } from '../../../domain/errors';
import { workflowIds } from '../../../domain/ids';
import { acknowledgeNoticeSignal, noticeStatusQuery } from '../../../domain/notice';
import { caseStatusQuery } from '../../../domain/case';
import { profileWatchStatusQuery } from '../../../domain/profile-takedown';
import { targetStatusQuery } from '../../../domain/target';
import { readCookie, setCookie } from '../cookies';
import { toHttpError } from '../errors';
import type { Api, RouteContext } from '../types';
import { answers, htmlPage } from '../contract/responses';
import { ackDonePage, ackPage, ackRefusedPage, outcomeDonePage, outcomePage, type AckableNotice } from './pages';

interface NoticeHolder { caseId: string; notices: AckableNotice[]; disseminationId?: string }

/** A dissemination's link records an outcome, not a receipt or an action (domain/dissemination.ts). */
const isDissemination = (workflowId: string) => workflowId.startsWith(disseminationWorkflowPrefix);

const FORM_COOKIE = 'takedown_ack_form';

/**
 * A link is only made for a notice being sent, but its workflow records the notice when the send reports back,
 * which can trail the mail by a moment (a recipient quick to click, a busy worker; seen in CI): a notice not yet
 * recorded is looked for again for this long before the link is refused.
 */
const noticeRecordGraceMs = 5000;
const tokenParams = z.object({ token: z.string().min(10).max(2000) });

/**
 * The public pages behind the signed links in notices. The token (HMAC, with expiry) names the workflow
 * holding the notice (its notice workflow, or an older case) and the notice; each confirmation (receipt, action) is accepted once per link, then becomes
 * an acknowledgeNotice signal to that workflow. Refusals are pages that say why, never a stack trace.
 */
export function ackRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const rateLimit = { max: deps.settings.ackRateLimit, timeWindow: '1 minute' };
  const cookieOptions = { path: '/ack', httpOnly: true, sameSite: 'strict' as const, secure: deps.settings.cookieSecure };

  /** The verified claims and the notice they name, or a refusal with its catalogue code. */
  async function resolve(token: string): Promise<{ claims: AckClaims; status: NoticeHolder; notice: AckableNotice }> {
    const check = verifyAckToken(token, deps.settings.linkSecret);
    if (!check.ok) throw new TakedownError(check.reason === 'expired' ? 'ACK_LINK_EXPIRED' : 'ACK_LINK_INVALID');
    const until = Date.now() + noticeRecordGraceMs;
    for (;;) {
      const status = await noticesOf(check.claims.workflowId);
      const notice = status.notices.find((n) => n.noticeId === check.claims.noticeId);
      if (notice) return { claims: check.claims, status, notice };
      if (Date.now() >= until) throw new TakedownError('UNKNOWN_NOTICE', `the case holds no notice ${check.claims.noticeId}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /**
   * A case's notices are workflows of their own (`notice:`); older cases hold theirs; a profile target
   * (preservation letters), its watch and a domain's custody (release orders) send their own.
   */
  function noticesOf(workflowId: string): Promise<NoticeHolder> {
    const handle = deps.client.workflow.getHandle(workflowId);
    if (workflowId.startsWith(workflowIds.notice(''))) return handle.query(noticeStatusQuery);
    if (workflowId.startsWith(custodyWorkflowId(''))) return handle.query(custodyStatusQuery);
    if (isDissemination(workflowId)) return handle.query(disseminationStatusQuery).then((s: DisseminationStatus) => ({ caseId: s.caseId, notices: s.notices, disseminationId: s.disseminationId }));
    if (workflowId.startsWith('profile-watch:')) return handle.query(profileWatchStatusQuery);
    if (workflowId.startsWith('profile:')) return handle.query(targetStatusQuery);
    return handle.query(caseStatusQuery);
  }

  function refuse(reply: FastifyReply, error: unknown) {
    const { status, body, unexpected } = toHttpError(error);
    if (unexpected) reply.log.error({ err: error }, 'acknowledgement failed');
    const titles: Partial<Record<string, string>> = { ACK_LINK_EXPIRED: 'This link has expired', ACK_LINK_INVALID: 'This link is not valid', ACK_LINK_USED: 'Already confirmed', NOT_FOUND: 'Case not found', UNKNOWN_NOTICE: 'Notice not found' };
    return reply.code(status).type('text/html; charset=utf-8').send(ackRefusedPage(titles[body.error.code] ?? 'We could not record this', body.error.message));
  }

  app.get('/ack/:token', {
    schema: {
      tags: ['acknowledgement'], summary: 'The page from a notice link: the notice and the two confirmations', params: tokenParams, security: [],
      response: answers({ 200: htmlPage('the notice and its confirmation form') }, [400, 404, 410, 503], { html: true }),
    },
    config: { rateLimit, html: true },
  }, async (request, reply) => {
    try {
      const { claims, status, notice } = await resolve(request.params.token);
      const { nonce, field } = csrf.newFormNonce();
      setCookie(reply, FORM_COOKIE, nonce, cookieOptions);
      if (isDissemination(claims.workflowId)) {
        const recorded = deps.disseminations.get(status.disseminationId!).outcome;
        const page = outcomePage(notice, status.caseId, field, recorded && { outcome: recorded.outcome, by: recorded.by.name, at: recorded.at }, `/ack/${request.params.token}`);
        return reply.type('text/html; charset=utf-8').send(page);
      }
      return reply.type('text/html; charset=utf-8').send(ackPage(notice, status.caseId, field, deps.usedLinks.usedKinds(request.params.token), `/ack/${request.params.token}`));
    } catch (error) {
      return refuse(reply, error);
    }
  });

  app.post('/ack/:token', {
    schema: {
      tags: ['acknowledgement'], summary: 'Confirm receipt or action (form post from the acknowledgement page)', params: tokenParams, security: [],
      body: z.object({
        _csrf: z.string().max(200),
        kind: z.enum(['received', 'actioned', 'outcome']),
        outcome: z.enum(disseminationOutcomes, { error: `one of ${disseminationOutcomes.join(', ')}` }).optional(),
        name: z.string().trim().min(1, 'say who confirms').max(200),
        email: z.union([z.literal(''), z.email()]).optional(),
        reference: z.string().trim().max(200).optional(),
        comment: z.string().trim().max(2000).optional(),
      }),
      response: answers({ 200: htmlPage('the confirmation recorded') }, [400, 403, 404, 409, 410, 503], { html: true }),
    },
    config: { rateLimit, html: true },
  }, async (request, reply) => {
    const { token } = request.params;
    const { kind, name, email, reference, comment } = request.body;
    try {
      csrf.checkForm(readCookie(request, FORM_COOKIE), request.body._csrf);
      const { claims, notice, status } = await resolve(token);
      if (isDissemination(claims.workflowId) !== (kind === 'outcome')) {
        throw new TakedownError('VALIDATION_FAILED', kind === 'outcome' ? 'this notice takes a receipt or an action, not an outcome' : 'a dissemination link records an outcome', { kind: [kind === 'outcome' ? 'received or actioned' : 'outcome'] });
      }
      if (kind === 'outcome') {
        const outcome = request.body.outcome;
        if (!outcome) throw new TakedownError('VALIDATION_FAILED', `say what came of it: one of ${disseminationOutcomes.join(', ')}`, { outcome: [`one of ${disseminationOutcomes.join(', ')}`] });
        const recorded = { noticeId: notice.noticeId, outcome, by: { name, ...(email ? { email } : {}) }, ...(reference ? { reference } : {}), ...(comment ? { comment } : {}) };
        const at = new Date().toISOString();
        // The record is the report's (it outlives the workflow); the workflow is told so it sends no reminder.
        if (!deps.disseminations.recordOutcome(status.disseminationId!, recorded, at)) throw new TakedownError('ACK_LINK_USED', `an outcome was recorded already for ${status.disseminationId}`);
        try {
          await deps.client.workflow.getHandle(claims.workflowId).signal(recordDisseminationOutcomeSignal, recorded);
        } catch (error) {
          // A workflow that has ended (its reminder went long ago) needs no telling; anything else: try again later.
          if (!(error instanceof WorkflowNotFoundError)) {
            deps.disseminations.undoOutcome(status.disseminationId!, at);
            throw error;
          }
        }
        return reply.type('text/html; charset=utf-8').send(outcomeDonePage(outcome, notice.noticeId));
      }
      if (!deps.usedLinks.claim(token, kind, claims)) throw new TakedownError('ACK_LINK_USED', `this link has confirmed ${kind === 'received' ? 'receipt' : 'the action'} already`);
      try {
        await deps.client.workflow.getHandle(claims.workflowId).signal(acknowledgeNoticeSignal, {
          noticeId: notice.noticeId, kind, by: { name, ...(email ? { email } : {}) }, ...(reference ? { reference } : {}), ...(comment ? { comment } : {}),
        });
      } catch (error) {
        deps.usedLinks.release(token, kind); // not delivered: the recipient may try again
        throw error;
      }
      return reply.type('text/html; charset=utf-8').send(ackDonePage(kind, notice.noticeId));
    } catch (error) {
      return refuse(reply, error);
    }
  });
}
