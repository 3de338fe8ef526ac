/**
 * `takedown operation start <operation.json> [--rows FILE|-]` and `takedown operation show <id>`: a sweep
 * through the API. Start prints one line per row (planned into which case, refused with why, or a repeat),
 * so nothing is dropped silently; exit 2 when any row was refused.
 */
import fs from 'node:fs';
import type { OperationRowAnswer, OperationStatus } from '../../domain/operation';
import { apiClient, CliError } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { printJson, printTable, readAll, runCommand } from './output';

const usage = `usage: takedown operation start <operation.json> [--rows FILE|-] [--json]
         the operation as \`POST /api/operations\` takes it (operationId, title, offence, statutes, evidence,
         requestedActions, contact; rows); --rows reads the rows instead, one target per line (blank and # lines skipped)
       takedown operation show <operation-id> [--json]
`;

async function read(io: CliIo, file: string): Promise<string> {
  try {
    return file === '-' ? await readAll(io.stdin) : fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function runOperation(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['json']);
  const [verb, subject] = positional;
  if (positional.length !== 2 || (verb !== 'start' && verb !== 'show')) { io.stderr.write(usage); return exitCodes.usage; }
  return runCommand(io, async () => {
    if (verb === 'show') {
      const status = await apiClient().request<OperationStatus>('GET', `/api/operations/${encodeURIComponent(subject!)}`);
      if (options.json) printJson(io, status);
      else printStatus(io, status);
      return exitCodes.ok;
    }
    let operation: Record<string, unknown>;
    try {
      operation = JSON.parse(await read(io, subject!)) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`${subject} is not JSON: ${(error as Error).message}`);
    }
    const rowsFile = last(options, 'rows');
    if (rowsFile) operation.rows = (await read(io, rowsFile)).split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    const answer = await apiClient().request<{ operationId: string; rows: OperationRowAnswer[]; cases: { caseId: string; targets: number }[] }>('POST', '/api/operations', operation);
    if (options.json) printJson(io, answer);
    else printTable(io, ['ROW', 'STATUS', 'CASE, OR WHY'], answer.rows.map((r) => [r.line, r.status, r.caseId ? `${r.caseId}: ${r.key}` : `${r.error?.code}: ${r.error?.message}`]));
    const refused = answer.rows.filter((r) => r.status === 'refused').length;
    io.stderr.write(`operation ${answer.operationId}: ${answer.rows.length - refused - answer.rows.filter((r) => r.status === 'repeat').length} target(s) in ${answer.cases.length} case(s), ${refused} refused; its cases start in the background (takedown operation show ${answer.operationId})\n`);
    return refused > 0 ? exitCodes.invalidInput : exitCodes.ok;
  });
}

function printStatus(io: CliIo, s: OperationStatus): void {
  io.stdout.write(`${s.operationId}: ${s.title} (${s.state}; opened by ${s.openedBy.name})\n`);
  io.stdout.write(`rows: ${s.rows.total} (${s.rows.planned} planned, ${s.rows.refused} refused, ${s.rows.repeats} repeated)\n\n`);
  printTable(io, ['CASE', 'TARGETS', 'STATE', 'STARTED'], s.cases.map((c) => [c.caseId, c.targets, c.error ? `${c.state}: ${c.error}` : c.state, c.startedAt]));
  if (s.answered.length) {
    io.stdout.write('\n');
    printTable(io, ['ROW', 'STATUS', 'INPUT', 'WHY'], s.answered.map((r) => [r.line, r.status, r.input, r.error?.message]));
  }
}
