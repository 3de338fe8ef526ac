import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { TakedownError } from '../../../domain/errors';
import { searchAttributes } from '../../../domain/search-attributes';

/**
 * Listing through Temporal visibility over our search attributes: the engine is the one record of where
 * every target stands, so there is no second index to drift from it.
 */
export interface TargetFilter {
  stage?: string[];
  kind?: string[];
  deadlineState?: string[];
  caseId?: string;
  operationId?: string;
  registrar?: string;
  registry?: string;
  tld?: string;
  platform?: string;
  /** Only targets of these cases (the person's own, src/api/membership.ts). */
  caseIds?: string[];
}

/** When and whether a listed workflow runs (its current run). */
export interface Lifetime {
  running: boolean;
  startedAt: string;
  closedAt?: string;
}

export interface TargetRow extends Lifetime {
  workflowId: string;
  key: string;
  kind?: string;
  stage?: string;
  caseId?: string;
  operationId?: string;
  registrar?: string;
  registry?: string;
  tld?: string;
  platform?: string;
  deadlineState?: string;
  deadlineAt?: string;
}

export interface CaseFilter {
  stage?: string[];
  operationId?: string;
  /** A clause keeping the list to the person's cases (src/api/membership.ts memberCasesClause). */
  member?: string;
  /** Only cases open at some time in [start, end) (ISO instants): started before its end, not closed before its start. */
  openDuring?: { start: string; end: string };
  /** Only cases whose package names one of these payment-account tags (domain/payment-accounts.ts). */
  accountTags?: string[];
}

export interface CaseRow extends Lifetime {
  caseId: string;
  workflowId: string;
  stage?: string;
  operationId?: string;
  title?: string;
  openedBy?: { id: string; name: string };
}

export interface CustodyFilter {
  stage?: string[];
  deadlineState?: string[];
  caseId?: string;
  /** A clause keeping the list to the person's custody records (src/api/routes/custody.ts). */
  member?: string;
}

/** A seized domain in custody, or one whose custody ended (FORFEITED, RELEASED). */
export interface CustodyRow extends Lifetime {
  domain: string;
  workflowId: string;
  caseId?: string;
  stage?: string;
  deadlineState?: string;
  deadlineAt?: string;
}

/** A value inside a visibility query: quoted, and refused if it could break out of its quotes. */
export function visibilityLiteral(field: string, value: string): string {
  if (!/^[^'"\\\n\r]{1,200}$/.test(value)) {
    throw new TakedownError('VALIDATION_FAILED', `${field}: 1 to 200 characters without quotes or backslashes`, { [field]: ['1 to 200 characters without quotes or backslashes'] });
  }
  return `'${value}'`;
}

export const oneOf = (attribute: string, field: string, values: string[]) => `${attribute} IN (${values.map((v) => visibilityLiteral(field, v)).join(', ')})`;

/** Targets are the workflows that carry a TargetKind (domains, hosted names, profiles). */
export function targetQuery(filter: TargetFilter): string {
  const clauses = [oneOf('TargetKind', 'kind', filter.kind?.length ? filter.kind : ['domain', 'hosted', 'profile'])];
  if (filter.stage?.length) clauses.push(oneOf('Stage', 'stage', filter.stage));
  if (filter.deadlineState?.length) clauses.push(oneOf('DeadlineState', 'deadline', filter.deadlineState));
  const equals: [keyof TargetFilter, string, string][] = [['caseId', 'CaseId', 'case'], ['operationId', 'OperationId', 'operation'], ['registrar', 'Registrar', 'registrar'], ['registry', 'Registry', 'registry'], ['tld', 'Tld', 'tld'], ['platform', 'Platform', 'platform']];
  for (const [key, attribute, field] of equals) {
    const value = filter[key];
    if (typeof value === 'string' && value !== '') clauses.push(`${attribute} = ${visibilityLiteral(field, value)}`);
  }
  if (filter.caseIds) clauses.push(oneOf('CaseId', 'case', filter.caseIds));
  return clauses.join(' AND ');
}

export function caseQuery(filter: CaseFilter): string {
  const clauses = [`WorkflowType = 'caseWorkflow'`];
  if (filter.stage?.length) clauses.push(oneOf('Stage', 'stage', filter.stage));
  if (filter.operationId) clauses.push(`OperationId = ${visibilityLiteral('operation', filter.operationId)}`);
  if (filter.member) clauses.push(filter.member);
  if (filter.accountTags) clauses.push(oneOf('PaymentAccounts', 'account', filter.accountTags));
  if (filter.openDuring) {
    const { start, end } = filter.openDuring;
    clauses.push(`StartTime < ${visibilityLiteral('to', end)} AND (ExecutionStatus = 'Running' OR CloseTime >= ${visibilityLiteral('from', start)})`);
  }
  return clauses.join(' AND ');
}

/** Custody workflows (one per seized domain; Stage SEIZED while in custody), each once: its runs before a continue-as-new are left out. */
export function custodyQuery(filter: CustodyFilter): string {
  const clauses = [`WorkflowType = 'custodyWorkflow'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filter.stage?.length) clauses.push(oneOf('Stage', 'stage', filter.stage));
  if (filter.deadlineState?.length) clauses.push(oneOf('DeadlineState', 'deadline', filter.deadlineState));
  if (filter.caseId) clauses.push(`CaseId = ${visibilityLiteral('case', filter.caseId)}`);
  if (filter.member) clauses.push(filter.member);
  return clauses.join(' AND ');
}

/** Reads at most `limit` executions of a query, newest first (visibility's own order). */
async function list(client: Client, query: string, limit: number): Promise<WorkflowExecutionInfo[]> {
  const rows: WorkflowExecutionInfo[] = [];
  for await (const info of client.workflow.list({ query, pageSize: Math.min(limit, 1000) })) {
    rows.push(info);
    if (rows.length >= limit) break;
  }
  return rows;
}

const read = <T extends SearchAttributeType>(info: WorkflowExecutionInfo, key: SearchAttributeKey<T>) => info.typedSearchAttributes.get(key);
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const isRunning = (info: WorkflowExecutionInfo) => info.status.name === 'RUNNING';
const timeOf = (value: unknown) => (value instanceof Date ? value.toISOString() : undefined);
const lifetime = (info: WorkflowExecutionInfo): Lifetime => ({ running: isRunning(info), startedAt: info.startTime.toISOString(), closedAt: info.closeTime?.toISOString() });

export async function listTargets(client: Client, filter: TargetFilter, limit: number): Promise<TargetRow[]> {
  return (await list(client, targetQuery(filter), limit)).map((info) => ({
    workflowId: info.workflowId,
    // The key people use: the workflow ID without its kind (`domain:example.com` → `example.com`).
    key: info.workflowId.replace(/^(domain|hosted|profile):/, ''),
    kind: text(read(info, searchAttributes.TargetKind)),
    stage: text(read(info, searchAttributes.Stage)),
    caseId: text(read(info, searchAttributes.CaseId)),
    operationId: text(read(info, searchAttributes.OperationId)),
    registrar: text(read(info, searchAttributes.Registrar)),
    registry: text(read(info, searchAttributes.Registry)),
    tld: text(read(info, searchAttributes.Tld)),
    platform: text(read(info, searchAttributes.Platform)),
    deadlineState: text(read(info, searchAttributes.DeadlineState)),
    deadlineAt: timeOf(read(info, searchAttributes.DeadlineAt)),
    ...lifetime(info),
  }));
}

export async function listCases(client: Client, filter: CaseFilter, limit: number): Promise<CaseRow[]> {
  return (await list(client, caseQuery(filter), limit)).map((info) => {
    const memo = (info.memo ?? {}) as { title?: unknown; openedBy?: { id?: unknown; name?: unknown } };
    const openedBy = memo.openedBy && typeof memo.openedBy.id === 'string' ? { id: memo.openedBy.id, name: String(memo.openedBy.name ?? memo.openedBy.id) } : undefined;
    return {
      caseId: text(read(info, searchAttributes.CaseId)) ?? info.workflowId.replace(/^case:/, ''),
      workflowId: info.workflowId,
      stage: text(read(info, searchAttributes.Stage)),
      operationId: text(read(info, searchAttributes.OperationId)),
      title: typeof memo.title === 'string' ? memo.title : undefined,
      openedBy,
      ...lifetime(info),
    };
  });
}

export async function listCustody(client: Client, filter: CustodyFilter, limit: number): Promise<CustodyRow[]> {
  return (await list(client, custodyQuery(filter), limit)).map((info) => ({
    domain: info.workflowId.replace(/^custody:/, ''),
    workflowId: info.workflowId,
    caseId: text(read(info, searchAttributes.CaseId)),
    stage: text(read(info, searchAttributes.Stage)),
    deadlineState: text(read(info, searchAttributes.DeadlineState)),
    deadlineAt: timeOf(read(info, searchAttributes.DeadlineAt)),
    ...lifetime(info),
  }));
}

/** An operation as listed: its workflow's Stage (STARTING while it starts cases, STARTED after), title and start. */
export interface OperationRow extends Lifetime {
  operationId: string;
  workflowId: string;
  stage?: string;
  title?: string;
}

/** Operation workflows, each once: the runs before a continue-as-new are left out. */
export const operationQuery = (member?: string) => `WorkflowType = 'operationWorkflow' AND ExecutionStatus != 'ContinuedAsNew'${member ? ` AND ${member}` : ''}`;

/** Operations, newest first; `member` keeps them to the person's (an operation carries the CaseMembers of its cases). */
export async function listOperations(client: Client, limit: number, member?: string): Promise<OperationRow[]> {
  return (await list(client, operationQuery(member), limit)).map((info) => ({
    operationId: text(read(info, searchAttributes.OperationId)) ?? info.workflowId.replace(/^operation:/, ''),
    workflowId: info.workflowId,
    stage: text(read(info, searchAttributes.Stage)),
    title: typeof (info.memo as { title?: unknown } | undefined)?.title === 'string' ? (info.memo as { title: string }).title : undefined,
    ...lifetime(info),
  }));
}
