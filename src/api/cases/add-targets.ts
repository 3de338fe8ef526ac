import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../../../domain/actors';
import { addTargetsUpdate, type AddTargetRow } from '../../../domain/case';
import { normalizeTarget } from '../../../domain/targets';
import type { InputRow } from './import-rows';

/** One line of the report an import answers with: every row started or refused with its reason, none dropped. */
export interface ImportRow extends AddTargetRow {
  line: number;
}

export interface ImportReport {
  rows: ImportRow[];
  counts: { started: number; refused: number; duplicate: number };
}

/** Rows per Update: one Update starts a child workflow per row, so keep each one's history step small. */
const chunkSize = 100;

/**
 * Adds rows to a case. Each row is normalised here first, so a row that is not a target is refused with
 * its reason without a round trip; the rest go to the case's addTargets Update, which starts (or flags as
 * duplicate) each one. A refusal of the first Update (wrong state, say) refuses the whole request.
 */
export async function addTargets(handle: WorkflowHandle, actor: Actor, inputs: InputRow[]): Promise<ImportReport> {
  const rows: (ImportRow | undefined)[] = inputs.map(() => undefined);
  const accepted: number[] = [];
  inputs.forEach((row, index) => {
    const normalized = normalizeTarget(row.input);
    if (normalized.ok) accepted.push(index);
    else rows[index] = { line: row.line, input: row.input, status: 'refused', error: normalized.error };
  });

  for (let offset = 0; offset < accepted.length; offset += chunkSize) {
    const chunk = accepted.slice(offset, offset + chunkSize);
    let results: AddTargetRow[];
    try {
      results = await handle.executeUpdate(addTargetsUpdate, { args: [{ actor, targets: chunk.map((i) => inputs[i]!.input) }] });
    } catch (error) {
      if (offset === 0 || !(error instanceof WorkflowUpdateFailedError)) throw error;
      const cause = error.cause as { type?: string; message?: string } | undefined;
      results = chunk.map((i) => ({ input: inputs[i]!.input, status: 'refused', error: { code: cause?.type ?? 'WRONG_STATE', message: cause?.message ?? error.message } }));
    }
    chunk.forEach((index, position) => {
      const result = results[position] ?? { input: inputs[index]!.input, status: 'refused' as const, error: { code: 'WRONG_STATE', message: 'the case gave no answer for this row' } };
      rows[index] = { ...result, line: inputs[index]!.line, input: inputs[index]!.input };
    });
  }

  const report = rows as ImportRow[];
  const count = (status: ImportRow['status']) => report.filter((r) => r.status === status).length;
  return { rows: report, counts: { started: count('started'), refused: count('refused'), duplicate: count('duplicate') } };
}
