import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { historiesDir } from '../helpers/record-history';

// Histories recorded from real runs (`npm run record-histories`) must replay against today's workflow code.
const stored = fs.readdirSync(historiesDir).filter((file) => file.endsWith('.json')).sort();
const load = (file: string) => historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')));

test('histories of every workflow type are stored', () => {
  expect(stored).toEqual(expect.arrayContaining(['case.json', 'domain-seizure.json', 'legal-review.json', 'custody.json', 'custody-release.json', 'operation.json', 'profile-takedown.json',
    'case.before-warrant-legal-facts.json', 'domain-seizure.before-sealed-banner.json', 'custody.before-legal-facts.json', 'custody-release.before-legal-facts.json',
    'case.membership.json', 'legal-review.membership.json']));
});

test.each(stored)('%s replays without nondeterminism', async (file) => {
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), replayName: file }, load(file));
});

test('a deliberately changed workflow fails replay with DeterminismViolationError (negative control)', async () => {
  const replay = Worker.runReplayHistory({ workflowsPath: require.resolve('./altered/workflows'), replayName: 'altered' }, load('domain-seizure.json'));
  await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
});
