import type { NoticeContext, TemplateName } from '../../domain/notice-contexts';
import type { ProfileTarget } from '../../domain/targets/types';
import { planWarrantNotices } from '../../domain/notice-plan';
import { targetFacts } from '../../domain/notice-request';
import { planPaymentNotices } from '../../domain/payment-plan';
import { planRegistryReleases } from '../../domain/release-plan';
import { counselReminderRequest, agentUpdateRequest, escalationRequest } from '../../workflows/notice/case-notices';
import { escalationRequests } from '../../workflows/notice/follow-up';
import { preservationRequest } from '../../workflows/profile-takedown/notices';
import { directory, domainTarget, pkgFor, profileTarget, warrantRecord } from './fixtures';

/**
 * A realistic context for every template: the external ones come out of the planner (so the tests check
 * what the workflow really sends), the internal ones from the case's builders.
 */
const createdAt = '2026-11-21T09:00:00.000Z';
const settings = { registrarAckWithin: '24h', registryExecutionWithin: '72h' } as const;
const targets = [domainTarget('luxury-outlet.com', 'example'), domainTarget('xn--lxury-bags-ocb.com', 'example', 'lüxury-bags.com'), domainTarget('designer-deals.org', 'other'), profileTarget('marketplace', 'replica-king', '88412'), domainTarget('replica-watches.co.uk', 'other')];
const pkg = pkgFor(targets.map((t) => t.key), { title: "Counterfeit handbags: O'Neill & Sons replicas", requestedActions: ['seizure', 'preservation'] });
const input = { caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key)), targets, directory, settings, createdAt };
const plan = planWarrantNotices(input);
const sealedPlan = planWarrantNotices({ ...input, warrant: warrantRecord(targets.map((t) => t.key), { sealed: true }) });
const external = { noticeId: 'HSI-NY-2026-0142/w1/fixture', ackUrl: 'http://127.0.0.1:8080/ack/eyJmaXh0dXJlIjp0cnVlfQ.c2lnbmF0dXJl', sentOn: '2026-11-21' };
const internal = { noticeId: 'HSI-NY-2026-0142/fixture', sentOn: '2026-11-21', baseUrl: 'http://127.0.0.1:8080' };
const contextOf = (p: typeof plan, template: TemplateName) => p.notices.find((n) => n.request.template === template)!.request.context;
const registrar = plan.notices.find((n) => n.request.template === 'registrar-notice')!;

export const realisticContexts: { [T in TemplateName]: NoticeContext<T> } = {
  'registry-order': { ...(contextOf(plan, 'registry-order') as NoticeContext<'registry-order'>), delivery: external },
  'partner-request': { ...(contextOf(plan, 'partner-request') as NoticeContext<'partner-request'>), delivery: external },
  'registrar-notice': { ...(contextOf(plan, 'registrar-notice') as NoticeContext<'registrar-notice'>), delivery: external },
  'registrar-courtesy': { ...(contextOf(sealedPlan, 'registrar-courtesy') as NoticeContext<'registrar-courtesy'>), delivery: external },
  'platform-request': { ...(contextOf(plan, 'platform-request') as NoticeContext<'platform-request'>), delivery: external },
  'payment-notice': { ...(planPaymentNotices({ ...input, merchants: [{ processorId: 'visa', target: 'luxury-outlet.com', merchantId: 'MID-4471', descriptor: 'LUXOUTLET*ORDER' }] }).notices[0]!.request.context as NoticeContext<'payment-notice'>), delivery: external },
  'registry-release': { ...(planRegistryReleases({ ...input, facts: targetFacts(input.pkg), targets: targets.slice(0, 2), reason: 'the agent withdrew the targets after the rights holder withdrew its confirmation', authorizedBy: { name: 'AUSA Grace Okafor', role: 'counsel' }, releaseId: '1' }).notices[0]!.request.context as NoticeContext<'registry-release'>), delivery: external },
  'registry-escalation': { ...(escalationRequests(registrar.request, registrar.followUp.ladder[0]!, 'no acknowledgement within 24h of the notice, nor within 24h of the reminder', '2026-11-21T09:00:05.000Z', createdAt)[0]!.context as NoticeContext<'registry-escalation'>), delivery: external },
  'warrant-reminder': { case: { caseId: pkg.caseId, title: pkg.title }, approvedOn: '2026-11-18', dueBy: '2026-12-18T10:00:00.000Z', targets: ['luxury-outlet.com', 'cheap-watches.net'], reminderNumber: 1, casePath: `/cases/${pkg.caseId}`, delivery: internal },
  'counsel-reminder': { ...counselReminderRequest({ caseWorkflowId: input.caseWorkflowId, caseId: pkg.caseId, title: pkg.title, round: 2, packageVersion: 3, waitingSince: '2026-11-18T10:00:00.000Z', dueBy: '2026-11-21T10:00:00.000Z', reminderNumber: 2, reviewPath: `/cases/${pkg.caseId}/review`, at: createdAt }).context, delivery: internal },
  'escalation': { ...escalationRequest({ caseWorkflowId: input.caseWorkflowId, caseId: pkg.caseId, title: pkg.title, level: 'supervisor', key: 'review-2', subject: 'legal review round 2 is undecided', reason: 'counsel has not decided within 3 days', waitingSince: '2026-11-18T10:00:00.000Z', dueBy: '2026-11-21T10:00:00.000Z', details: [{ label: 'Round', value: '2' }, { label: 'Package version', value: '3' }], at: createdAt }).context, delivery: internal },
  'preservation-request': { ...preservationRequest({ workflowId: 'profile:marketplace:replica-king', facts: { ...pkg, nonDisclosure: true }, platform: { name: 'Online marketplace', legalEntity: 'Example Marketplace, Inc.', email: 'law-enforcement@marketplace.example', notifiesUser: false }, target: targets[3]!.target as ProfileTarget, evidence: [], periodMs: 90 * 86_400_000, until: '2027-02-19T09:00:00.000Z', at: createdAt }).context, delivery: external },
  'agent-update': { ...agentUpdateRequest({ caseWorkflowId: input.caseWorkflowId, pkg, sequence: 4, headline: '3 of 4 targets seized', events: [{ at: '2026-11-22T08:00:00.000Z', target: 'luxury-outlet.com', what: 'verified at the registry and in the zone' }], stages: [{ stage: 'SEIZED', total: 3 }, { stage: 'COMPLIANCE', total: 1 }], at: createdAt }).context, delivery: internal },
  'dissemination': {
    case: { caseId: 'LEAD-12', title: 'Counterfeit Vantage handbags' }, about: { kind: 'lead', reference: 'LEAD-12', summary: "Counterfeit handbags: O'Neill & Sons replicas" },
    recipient: { name: 'Duty agent', organisation: 'HSI Newark field office' }, sender: { name: 'Ana Rivera', team: 'miami-ipr' },
    note: 'The seller ships from New Jersey.', items: [{ label: 'Domains', value: 'cheap-vantage-bags.com' }],
    outcomes: ['opened an investigation', 'took enforcement action', 'filed litigation', 'no action'], answerBy: '2026-12-31', delivery: external,
  },
};

/** For each template, one required field (by path) to leave out: rendering must refuse and name it. */
export const requiredFieldOf: { [T in TemplateName]: string } = {
  'registry-order': 'seizure.nameservers',
  'partner-request': 'registry.jurisdiction',
  'registrar-notice': 'warrant.docket',
  'registrar-courtesy': 'registry.name',
  'platform-request': 'platform.legalEntity',
  'payment-notice': 'processor.name',
  'registry-release': 'reason',
  'registry-escalation': 'originalNotice.sentOn',
  'warrant-reminder': 'targets',
  'counsel-reminder': 'dueBy',
  'escalation': 'reason',
  'agent-update': 'headline',
  'preservation-request': 'preservation.until',
  'dissemination': 'answerBy',
};
