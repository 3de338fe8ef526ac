import type { CasePackage } from './case-package';
import { targetKey } from './ids';
import type { WorkflowNoticeContext } from './notice-contexts';
import { caseFacts, coordinatorLevel, hoursOf, request, targetFacts, unique, warrantFacts, type PlanTarget, type PlannedNotice, type Unaddressed, type WarrantNoticeInput } from './notice-request';
import { normalizeTarget } from './targets/normalize';
import { noticeIds } from './notice-ids';

/** Which processor takes a target's payments, as the investigation found (e.g. from an undercover purchase). */
export interface PaymentMerchant {
  processorId: string;
  target: string;
  merchantId?: string;
  descriptor?: string;
}

/** The merchant accounts the case's undercover purchases were paid to, keyed by the target as the case lists it. */
export function merchantsOf(pkg: CasePackage): PaymentMerchant[] {
  const merchants = new Map<string, PaymentMerchant>();
  for (const purchase of pkg.evidence.undercoverPurchases) {
    if (!purchase.payment) continue;
    const normalized = normalizeTarget(purchase.target);
    const merchant: PaymentMerchant = { processorId: purchase.payment.processor, target: normalized.ok ? targetKey(normalized.target) : purchase.target, merchantId: purchase.payment.merchantId, descriptor: purchase.payment.descriptor };
    merchants.set([merchant.processorId, merchant.target, merchant.merchantId, merchant.descriptor].join('\u0000'), merchant);
  }
  return [...merchants.values()];
}

/** One notice per payment processor under a warrant: end the merchant accounts, keep the records. */
export function planPaymentNotices(plain: WarrantNoticeInput & { merchants: PaymentMerchant[] }): { notices: PlannedNotice[]; unaddressed: Unaddressed[] } {
  const input = { ...plain, facts: targetFacts(plain.pkg) };
  const { pkg, warrant } = input;
  const out = { notices: [] as PlannedNotice[], unaddressed: [] as Unaddressed[] };
  for (const processorId of unique(input.merchants.map((m) => m.processorId))) {
    const merchants = input.merchants.filter((m) => m.processorId === processorId);
    const processor = input.directory.paymentProcessors.find((p) => p.id === processorId);
    if (!processor) { for (const m of merchants) out.unaddressed.push({ key: m.target, notice: 'payment-notice', code: 'NO_PAYMENT_CONTACT', reason: `no contact is configured for payment processor "${processorId}" (TAKEDOWN_PLATFORM_CONTACTS)` }); continue; }
    const targets = merchants.map((m) => input.targets.find((t) => t.key === m.target)).filter((t): t is PlanTarget => t !== undefined);
    const context: WorkflowNoticeContext<'payment-notice'> = {
      case: caseFacts(pkg),
      processor: { name: processor.name, legalEntity: processor.legalEntity },
      merchants: merchants.map((m) => ({ target: m.target, merchantId: m.merchantId, descriptor: m.descriptor })),
      warrant: warrantFacts(warrant),
      respondWithinHours: hoursOf(input.settings.registryExecutionWithin),
    };
    const planned = request(input, noticeIds.paymentNotice(pkg.caseId, warrant.warrantId, processor.id), 'payment-notice', [processor.email], context, targets, { action: 'merchant_termination', discloseWarrant: !warrant.warrant.sealed });
    out.notices.push({ request: { ...planned, covers: merchants.map((m) => m.target) }, followUp: { requires: 'received', ackWithin: input.settings.registryExecutionWithin, ladder: [coordinatorLevel] } });
  }
  return out;
}
