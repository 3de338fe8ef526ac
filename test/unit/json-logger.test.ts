import { DefaultLogger } from '@temporalio/worker';
import { caseIdOf, jsonLogLine, jsonLogger } from '../../src/logging/json-logger';

// The worker's log lines (src/logging/json-logger.ts): one JSON object each, the case named, no credential.
const entry = (meta: Record<string, unknown>) => ({ level: 'INFO' as const, message: 'Activity completed', timestampNanos: 1_764_000_000_000_000_000n, meta });

test('a line carries time, level, message and the SDK\'s attributes, with the case ID from a case\'s workflow ID', () => {
  expect(jsonLogLine(entry({ workflowId: 'case:HSI-NY-2026-0001:review:2', activityType: 'sendNotice', attempt: 1 }))).toEqual({
    time: '2025-11-24T16:00:00.000Z', level: 'INFO', msg: 'Activity completed', workflowId: 'case:HSI-NY-2026-0001:review:2', activityType: 'sendNotice', attempt: 1, caseId: 'HSI-NY-2026-0001',
  });
  // A target's workflow ID names no case: the case ID comes from the attributes (the activity's header), or none.
  expect(jsonLogLine(entry({ workflowId: 'domain:fake-shop.com' }))).not.toHaveProperty('caseId');
  expect(jsonLogLine(entry({ workflowId: 'domain:fake-shop.com', caseId: 'HSI-NY-2026-0002' })).caseId).toBe('HSI-NY-2026-0002');
  expect([caseIdOf('case:A-1'), caseIdOf('operation:OP-1'), caseIdOf(undefined)]).toEqual(['A-1', undefined, undefined]);
});

test('attributes named like credentials are cut and errors keep only their name and message', () => {
  const line = jsonLogLine(entry({ taskToken: 'abc', apiKey: 'k', api_key: 'k', password: 'p', clientSecret: 's', authorization: 'Bearer x', error: new TypeError('bad') }));
  expect(line).toMatchObject({ taskToken: '[redacted]', apiKey: '[redacted]', api_key: '[redacted]', password: '[redacted]', clientSecret: '[redacted]', authorization: '[redacted]', error: { name: 'TypeError', message: 'bad' } });
});

test('the logger writes one parseable line per entry at or above its level', () => {
  const lines: string[] = [];
  const logger: DefaultLogger = jsonLogger('INFO', (line) => lines.push(line));
  logger.debug('not shown');
  logger.info('worker polling', { taskQueues: ['takedown'] });
  logger.warn('with "quotes"\nand a newline');
  expect(lines).toHaveLength(2);
  expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
  expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['worker polling', 'with "quotes"\nand a newline']);
});
