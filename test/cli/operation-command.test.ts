import fs from 'node:fs';
import path from 'node:path';
import { operationOf } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { addShop } from '../api/domains';
import { useCliTest } from './cli-world';

const cli = useCliTest();
const { takedown, login } = cli;

beforeAll(async () => {
  await login('patel');
  await login('rivera');
});

test('an operation from the command line: the rows from a file, every row answered, then its cases shown', async () => {
  const [a, b] = [addShop(cli.t.api.world), addShop(cli.t.api.world, 'cheap-watches-')];
  // For rivera's team, so she may follow it below (an operation is its team's: test/api/case-membership.test.ts).
  const { rows: _rows, ...operation } = operationOf([], { targetsPerCase: 1, windowPollEvery: '200ms', team: 'miami-ipr' });
  const file = path.join(cli.dir, 'operation.json');
  fs.writeFileSync(file, JSON.stringify(operation));
  const started = await takedown('patel', ['operation', 'start', file, '--rows', '-'], `# Cyber Monday list\n${a}\n\n192.0.2.7\n${b}\n${a}\n`);
  expect(started.code).toBe(2); // a row was refused
  expect(started.out.split('\n')).toEqual([
    expect.stringMatching(/^ROW +STATUS +CASE, OR WHY$/),
    expect.stringMatching(new RegExp(`^1 +planned +${operation.operationId}-001: ${a}$`)),
    expect.stringMatching(/^2 +refused +TARGET_IP_ADDRESS: /),
    expect.stringMatching(new RegExp(`^3 +planned +${operation.operationId}-002: ${b}$`)),
    expect.stringMatching(new RegExp(`^4 +repeat +DUPLICATE_TARGET: ${a} is already on line 1$`)),
    '',
  ]);
  expect(started.err).toContain(`operation ${operation.operationId}: 2 target(s) in 2 case(s), 1 refused`);

  const shown = await waitFor('the operation started', async () => { const r = await takedown('rivera', ['operation', 'show', operation.operationId]); return r.out.includes('(STARTED;') && r; }, 60_000);
  expect(shown.out).toContain('rows: 4 (2 planned, 1 refused, 1 repeated)');
  expect(shown.out).toMatch(new RegExp(`^${operation.operationId}-001 +1 +(opening|opened) `, 'm'));
  expect(shown.out).toMatch(/^2 +refused +192\.0\.2\.7 /m);

  expect((await takedown('rivera', ['operation', 'start', file, '--rows', '-'], `${a}\n`)).err).toContain('ROLE_NOT_ALLOWED');
  expect((await takedown('patel', ['operation', 'explode', 'x'])).code).toBe(64);
}, 90_000);
