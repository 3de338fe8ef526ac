import type { CasePackage } from '../domain/case-package';
import type { CaseTargetEntry, WarrantRecord } from '../domain/records';
import type { WorkflowNoticeContext } from '../domain/notice-contexts';
import type { NoticeRequest } from '../activities/notices/send-notice';

/** The registrar's 24-hour review clock under RAA §3.18, stated in the notice. */
const registrarReviewHours = 24;

/**
 * Plans the registrar notices for one warrant: one notice per registrar covering all of its domains in
 * the warrant (never one e-mail per domain). Targets without an abuse contact are returned separately.
 */
export function planRegistrarNotices(caseWorkflowId: string, pkg: CasePackage, warrant: WarrantRecord, targets: CaseTargetEntry[], createdAt: string) {
  const byRegistrar = new Map<string, CaseTargetEntry[]>();
  const unreachable: CaseTargetEntry[] = [];
  for (const entry of targets) {
    const registrar = entry.registration?.registrar;
    if (!registrar?.abuseEmail) { unreachable.push(entry); continue; }
    const key = registrar.ianaId ?? registrar.name;
    byRegistrar.set(key, [...(byRegistrar.get(key) ?? []), entry]);
  }
  const requests: NoticeRequest<'registrar-notice'>[] = [...byRegistrar.entries()].map(([registrarKey, entries]) => {
    const registrar = entries[0]!.registration!.registrar;
    const context: WorkflowNoticeContext<'registrar-notice'> = {
      case: { caseId: pkg.caseId, title: pkg.title, offence: pkg.offence, statutes: pkg.statutes, contact: pkg.contact, nonDisclosure: pkg.nonDisclosure },
      registrar: { name: registrar.name, ianaId: registrar.ianaId },
      domains: entries.map((e) => ({ domain: e.key, unicode: e.target.kind === 'profile' ? e.key : e.target.unicode })),
      warrant: { court: warrant.warrant.court, judge: warrant.warrant.judge, docket: warrant.warrant.docket, issuedOn: warrant.warrant.issuedOn, statutes: warrant.warrant.statutes, sealed: warrant.warrant.sealed },
      reviewWithinHours: registrarReviewHours,
    };
    return {
      workflowId: caseWorkflowId,
      noticeId: `${pkg.caseId}/${warrant.warrantId}/registrar-${slug(registrarKey)}`,
      kind: 'registrar-notice',
      template: 'registrar-notice',
      to: [registrar.abuseEmail!],
      context,
      covers: entries.map((e) => e.key),
      createdAt,
    };
  });
  return { requests, unreachable };
}

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
