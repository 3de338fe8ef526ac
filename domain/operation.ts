import { defineQuery, defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import { teamPattern } from './membership';
import type { Actor } from './actors';
import { casePackageSchema, maxTargetsPerCase, type CasePackageInput } from './case-package';
import { durationSchema } from './duration';
import { caseIdPattern, targetKey } from './ids';
import type { TimelineEntry } from './timeline';
import type { CaseSettingsInput } from './settings';
import { normalizeTarget } from './targets/normalize';

/**
 * An operation (PRODUCT §5): a sweep of many targets from one list, split into cases of at most
 * `targetsPerCase` targets that share the operation's package (offence, statutes, evidence, contact), each
 * reviewed and warranted as a case. Every row is answered: started in a case, refused with its reason, or a
 * repeat of an earlier row. The operation starts its cases a few at a time (`window` cases still opening).
 */

/** Rows one operation takes; a bigger sweep is several operations. */
// The largest operation the benchmark has brought to SEIZED on one 2-core machine (README, "Scale").
export const maxOperationRows = 10_000;

export const operationInputSchema = casePackageSchema.omit({ caseId: true, targets: true, operationId: true }).extend({
  operationId: z.string().regex(caseIdPattern, { error: 'must be 3 to 64 letters, digits or dashes, e.g. OP-CYBER-MONDAY-2026' }),
  /** Targets as pasted, one per row. */
  rows: z.array(z.string().max(2048)).min(1, 'give at least one target').max(maxOperationRows, `at most ${maxOperationRows} rows per operation; split the sweep into several operations`),
  targetsPerCase: z.number().int().min(1).max(maxTargetsPerCase).default(250),
  /** Cases opening their targets (lookup and evidence) at once; the next case starts when one is through. */
  window: z.number().int().min(1).max(20).default(2),
  /** How often a full window is looked at again. */
  windowPollEvery: durationSchema.default('10s'),
  /** Cases started per workflow run before it continues as new (keeps each history small). */
  casesPerRun: z.number().int().min(1).max(100).default(20),
  /** How often the operation's targets are counted by stage (the first interval; it doubles as the series is thinned). */
  sampleEvery: durationSchema.default('1m'),
  /** The team that owns the operation's cases (domain/membership.ts); without it, the team of whoever starts the operation. */
  team: z.string().regex(teamPattern, { error: '1 to 100 letters, digits, spaces or . _ @ : / -, starting with a letter or digit' }).optional(),
  /** The counsel assigned to every case of the operation (their person ID), if one is. */
  counsel: z.string().regex(teamPattern, { error: "counsel's person ID: 1 to 100 letters, digits or . _ @ : / -" }).optional(),
});
export type OperationInput = z.input<typeof operationInputSchema>;
export type OperationDefinition = z.output<typeof operationInputSchema>;

export interface OperationRowAnswer {
  /** 1-based position in the list. */
  line: number;
  input: string;
  status: 'planned' | 'refused' | 'repeat';
  key?: string;
  caseId?: string;
  error?: { code: string; message: string };
}

export interface PlannedCase {
  caseId: string;
  /** The rows of this case, as pasted. */
  targets: string[];
}

export interface OperationPlan {
  rows: OperationRowAnswer[];
  cases: PlannedCase[];
}

/** The case IDs of an operation: its ID and a three-digit part number (`OP-CM-2026-001`). */
export const operationCaseId = (operationId: string, part: number) => `${operationId}-${String(part).padStart(3, '0')}`;

/** Pure: every row normalised, refused with its reason or planned into a case; a repeated target is flagged, not planned twice. */
export function planOperation(op: Pick<OperationDefinition, 'operationId' | 'rows' | 'targetsPerCase'>): OperationPlan {
  const rows: OperationRowAnswer[] = [];
  const seen = new Map<string, number>();
  const planned: { row: OperationRowAnswer; input: string }[] = [];
  op.rows.forEach((input, index) => {
    const line = index + 1;
    const normalized = normalizeTarget(input);
    if (!normalized.ok) { rows.push({ line, input, status: 'refused', error: normalized.error }); return; }
    const key = targetKey(normalized.target);
    const first = seen.get(key);
    if (first !== undefined) { rows.push({ line, input, status: 'repeat', key, error: { code: 'DUPLICATE_TARGET', message: `${key} is already on line ${first}` } }); return; }
    seen.set(key, line);
    const row: OperationRowAnswer = { line, input, status: 'planned', key };
    rows.push(row);
    planned.push({ row, input: input.trim() });
  });
  const cases: PlannedCase[] = [];
  for (let i = 0; i < planned.length; i += op.targetsPerCase) {
    const part = planned.slice(i, i + op.targetsPerCase);
    const caseId = operationCaseId(op.operationId, cases.length + 1);
    for (const p of part) p.row.caseId = caseId;
    cases.push({ caseId, targets: part.map((p) => p.input) });
  }
  return { rows, cases };
}

/** The package of one of the operation's cases: the operation's own, with its part of the list. */
export function operationCasePackage(op: OperationDefinition, planned: PlannedCase, part: number, parts: number): CasePackageInput {
  const { operationId, rows: _rows, targetsPerCase: _size, window: _window, windowPollEvery: _poll, casesPerRun: _perRun, sampleEvery: _sample, team: _team, counsel: _counsel, title, ...shared } = op;
  return { ...shared, caseId: planned.caseId, operationId, title: parts > 1 ? `${title} (part ${part} of ${parts})` : title, targets: planned.targets };
}

export interface OperationCase {
  caseId: string;
  workflowId: string;
  targets: number;
  state: 'waiting' | 'opening' | 'opened' | 'not-started';
  startedAt?: string;
  error?: string;
}

/** What the operation's status query answers. */
export interface OperationStatus {
  operationId: string;
  title: string;
  openedBy: Actor;
  state: 'STARTING' | 'STARTED';
  rows: { total: number; planned: number; refused: number; repeats: number };
  /** Every refused or repeated row with its reason (planned rows are in their cases). */
  answered: OperationRowAnswer[];
  cases: OperationCase[];
  timeline: TimelineEntry[];
  /** How many times the workflow continued as new. */
  run: number;
  /** The workflow counting its targets by stage over time (absent in operations started before it existed). */
  progressWorkflowId?: string;
}

export interface OperationWorkflowInput {
  operation: OperationInput;
  openedBy: Actor;
  settings?: CaseSettingsInput;
  /** Carried by continue-as-new: the status so far and the cases not yet started. */
  carried?: { status: OperationStatus; pending: PlannedCase[] };
}

export const operationStatusQuery = defineQuery<OperationStatus>('operationStatus');
/** A case of the operation tells it when none of its targets is opening any more (lookup, evidence): its window place is free. */
export const caseOpenedSignal = defineSignal<[{ caseId: string }]>('caseOpened');
