import { casePackageSchema, maxTargetsPerCase } from '../../domain/case-package';
import { operationCaseId, operationCasePackage, operationInputSchema, planOperation } from '../../domain/operation';
import { casePackage } from '../helpers/case-fixtures';

const { caseId: _caseId, targets: _targets, ...shared } = casePackage(['x.com']);
const operation = (rows: string[], extra: Record<string, unknown> = {}) => operationInputSchema.parse({ ...shared, operationId: 'OP-CYBER-MONDAY-2026', title: 'Cyber Monday sweep', rows, ...extra });

test('every row is answered: planned into a case, refused with its reason, or a repeat of an earlier line', () => {
  const plan = planOperation(operation(['luxury-outlet.com', 'https://WWW.Cheap-Watches.com/deals', '192.0.2.7', 'luxury-outlet.com', '', 'replica-bags.net', 'https://x.com/lux_replicas'], { targetsPerCase: 2 }));
  expect(plan.rows.map((r) => [r.line, r.status, r.key ?? r.error?.code, r.caseId])).toEqual([
    [1, 'planned', 'luxury-outlet.com', 'OP-CYBER-MONDAY-2026-001'],
    [2, 'planned', 'cheap-watches.com', 'OP-CYBER-MONDAY-2026-001'],
    [3, 'refused', 'TARGET_IP_ADDRESS', undefined],
    [4, 'repeat', 'luxury-outlet.com', undefined],
    [5, 'refused', 'TARGET_EMPTY', undefined],
    [6, 'planned', 'replica-bags.net', 'OP-CYBER-MONDAY-2026-002'],
    [7, 'planned', 'x:lux_replicas', 'OP-CYBER-MONDAY-2026-002'],
  ]);
  expect(plan.rows[3]!.error!.message).toBe('luxury-outlet.com is already on line 1');
  expect(plan.cases).toEqual([
    { caseId: 'OP-CYBER-MONDAY-2026-001', targets: ['luxury-outlet.com', 'https://WWW.Cheap-Watches.com/deals'] },
    { caseId: 'OP-CYBER-MONDAY-2026-002', targets: ['replica-bags.net', 'https://x.com/lux_replicas'] },
  ]);
});

test("each case gets the operation's package with its part of the list, and is a valid case package", () => {
  const op = operation(Array.from({ length: 5 }, (_, i) => `shop-${i}.com`), { targetsPerCase: 2 });
  const plan = planOperation(op);
  expect(plan.cases.map((c) => c.caseId)).toEqual([1, 2, 3].map((n) => operationCaseId('OP-CYBER-MONDAY-2026', n)));
  const pkg = casePackageSchema.parse(operationCasePackage(op, plan.cases[2]!, 3, 3));
  expect(pkg).toMatchObject({ caseId: 'OP-CYBER-MONDAY-2026-003', operationId: 'OP-CYBER-MONDAY-2026', title: 'Cyber Monday sweep (part 3 of 3)', targets: ['shop-4.com'], offence: shared.offence, contact: shared.contact });
});

test('an operation refuses what it cannot take, naming the field', () => {
  expect(operationInputSchema.safeParse({ ...shared, operationId: 'OP 1', title: 'x', rows: ['a.com'] }).error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['operationId', 'title']));
  expect(operationInputSchema.safeParse({ ...shared, operationId: 'OP-1', title: 'Sweep', rows: ['a.com'], targetsPerCase: maxTargetsPerCase + 1 }).error?.issues[0]).toMatchObject({ path: ['targetsPerCase'] });
  expect(operationInputSchema.safeParse({ ...shared, operationId: 'OP-1', title: 'Sweep', rows: [] }).error?.issues[0]).toMatchObject({ path: ['rows'], message: 'give at least one target' });
});
