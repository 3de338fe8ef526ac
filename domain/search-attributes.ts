import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes upserted at every stage change, so coordinators can list targets by any of them.
 * The dev server registers them at start (scripts/temporal-server.ts reads `searchAttributeFlags`).
 */
export const searchAttributes = {
  TargetKind: defineSearchAttributeKey('TargetKind', SearchAttributeType.KEYWORD),
  Stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
  CaseId: defineSearchAttributeKey('CaseId', SearchAttributeType.KEYWORD),
  OperationId: defineSearchAttributeKey('OperationId', SearchAttributeType.KEYWORD),
  Registrar: defineSearchAttributeKey('Registrar', SearchAttributeType.KEYWORD),
  Registry: defineSearchAttributeKey('Registry', SearchAttributeType.KEYWORD),
  Tld: defineSearchAttributeKey('Tld', SearchAttributeType.KEYWORD),
  Platform: defineSearchAttributeKey('Platform', SearchAttributeType.KEYWORD),
  DeadlineState: defineSearchAttributeKey('DeadlineState', SearchAttributeType.KEYWORD),
  DeadlineAt: defineSearchAttributeKey('DeadlineAt', SearchAttributeType.DATETIME),
  /** The tasks a person must do before the workflow can go on (personTaskKinds), so "my tasks" is one visibility query. */
  OpenTasks: defineSearchAttributeKey('OpenTasks', SearchAttributeType.KEYWORD_LIST),
  /**
   * Who belongs to a case (domain/membership.ts): `team:<team>` and `counsel:<person ID>`, so a list shows a
   * person only their cases in one query. One list, not two keywords: a dev server takes at most ten keywords.
   */
  CaseMembers: defineSearchAttributeKey('CaseMembers', SearchAttributeType.KEYWORD_LIST),
  /**
   * The payment accounts a case's undercover purchases were paid to, as tags (domain/payment-accounts.ts), so
   * triage finds the cases naming a lead's account in one query instead of reading every case.
   */
  PaymentAccounts: defineSearchAttributeKey('PaymentAccounts', SearchAttributeType.KEYWORD_LIST),
} as const;

export type SearchAttributeName = keyof typeof searchAttributes;

/** The values of DeadlineState: every workflow that sets it, and the API that filters on it, use these. */
export const deadlineStates = ['OK', 'DUE_SOON', 'BREACHED'] as const;
export type DeadlineState = (typeof deadlineStates)[number];

/** The kinds of task a person does on a target (OpenTasks): enter a registration, record a portal submission, extend a preservation. */
export const personTaskKinds = ['manual-lookup', 'portal-submission', 'preservation-extension'] as const;
export type PersonTaskKind = (typeof personTaskKinds)[number];

/** `NAME=Type` pairs as `temporal server start-dev --search-attribute` takes them. */
export function searchAttributeFlags(): string[] {
  const typeNames: Record<string, string> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', TEXT: 'Text', INT: 'Int', BOOL: 'Bool', DOUBLE: 'Double', KEYWORD_LIST: 'KeywordList' };
  return Object.values(searchAttributes).map((key) => `${key.name}=${typeNames[key.type] ?? key.type}`);
}
