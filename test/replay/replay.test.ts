import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { actorSigningKey } from '../../src/actor-keys';
import { historiesDir, readManifest, storedHistoryFiles } from './history-manifest';
import { testBundleOptions } from '../helpers/signed-actor';

// Histories recorded from real runs (`npm run record-histories`) by this and every earlier release must replay
// against today's workflow code: they are what executions still running look like (docs/VERSIONING.md).
const stored = storedHistoryFiles();
const releaseOf = new Map(readManifest().histories.map((e) => [e.file, `${e.workflowType}, recorded at ${e.recordedAt.release}`]));
const labelled = stored.map((file) => [file, releaseOf.get(file) ?? 'not in history-manifest.json'] as const);
const load = (file: string) => historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')));

test('histories of every workflow type are stored', () => {
  expect(stored).toEqual(expect.arrayContaining(['case.json', 'domain-seizure.json', 'legal-review.json', 'custody.json', 'custody-release.json', 'operation.json', 'profile-takedown.json',
    'case.before-warrant-legal-facts.json', 'domain-seizure.before-sealed-banner.json', 'custody.before-legal-facts.json', 'custody-release.before-legal-facts.json',
    'case.membership.json', 'legal-review.membership.json',
    // A dissemination answered in time, and one answered after its reminder (issue 16).
    'dissemination.json', 'dissemination.reminder.json',
    // Recorded after the signed actor: their Updates carry the API's signature (validators, which check it, do not run on replay).
    'case.signed-actor.json', 'legal-review.signed-actor.json', 'custody.signed-actor.json', 'custody-release.signed-actor.json']));
});

test.each(labelled)('%s (%s) replays without nondeterminism', async (file) => {
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), replayName: file, bundlerOptions: testBundleOptions() }, load(file));
});

test.each(['case.signed-actor.json', 'legal-review.signed-actor.json'])('%s replays the same on a worker holding other actor keys (rotated since): validators do not run on replay', async (file) => {
  const rotated = actorSigningKey('a-key-this-history-was-never-signed-with-0123456789').publicKey;
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), replayName: file, bundlerOptions: testBundleOptions([rotated]) }, load(file));
});

test('a deliberately changed workflow fails replay with DeterminismViolationError (negative control)', async () => {
  const replay = Worker.runReplayHistory({ workflowsPath: require.resolve('./altered/workflows'), replayName: 'altered', bundlerOptions: testBundleOptions() }, load('domain-seizure.json'));
  await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
});
