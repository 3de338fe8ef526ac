import type { Target } from './targets/types';

/** Workflow IDs come from business keys, only through these helpers (one active workflow per target). */
export const workflowIds = {
  case: (caseId: string) => `case:${caseId}`,
  legalReview: (caseId: string, round: number) => `case:${caseId}:review:${round}`,
  operation: (operationId: string) => `operation:${operationId}`,
  /** The workflow that counts an operation's targets by stage over time (workflows/operation/operation-progress.ts). */
  operationProgress: (operationId: string) => `operation-progress:${operationId}`,
  /** One notice of a case sent and followed up to its answer (workflows/notice/notice.ts); acknowledgement links name it. */
  notice: (noticeId: string) => `notice:${noticeId}`,
  /**
   * One lead or case's findings passed to another office, agency or partner (workflows/dissemination.ts). The
   * instance (random, chosen by the API) keeps the ID unique on an engine that outlives the database numbering
   * disseminations (a restored database, or test worlds sharing one engine).
   */
  dissemination: (disseminationId: string, instance: string) => `dissemination:${disseminationId}:${instance}`,
  target: (target: Target) =>
    target.kind === 'profile' ? `profile:${target.platform}:${target.handle}` : `${target.kind}:${target.domain}`,
};

/** A case ID as people write it: letters, digits and dashes, e.g. `HSI-NY-2026-0142`. */
export const caseIdPattern = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;

/** How people and warrants name a target: the domain, or `platform:handle`. */
export function targetKey(target: Target): string {
  return target.kind === 'profile' ? `${target.platform}:${target.handle}` : target.domain;
}
