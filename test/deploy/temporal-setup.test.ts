import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { searchAttributeFlags } from '../../domain/search-attributes';
import { temporalBinary } from '../../scripts/temporal-server';
import { parseCompose, readRepoFile, root, serviceEnvironment } from './compose-file';

// The container stack's namespace step (deploy/temporal/setup-namespace.sh, run by Temporal's admin-tools image)
// against the real dev server of this test run, with the `temporal` CLI of the same version on its PATH, and the
// search attributes docker-compose.yml hands it.
const address = process.env.TEMPORAL_TEST_ADDRESS!;
const script = path.join(root, 'deploy', 'temporal', 'setup-namespace.sh');
const binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-tools-'));
const namespace = `compose-setup-${process.pid}`;
const searchAttributes = serviceEnvironment(parseCompose(readRepoFile('docker-compose.yml')).services['temporal-namespace']!, {}).SEARCH_ATTRIBUTES!;

beforeAll(() => fs.symlinkSync(temporalBinary(), path.join(binDir, 'temporal')));
afterAll(() => fs.rmSync(binDir, { recursive: true, force: true }));

function runSetup(env: Record<string, string>) {
  const result = spawnSync('sh', [script], {
    env: { PATH: `${binDir}:${process.env.PATH}`, HOME: binDir, TEMPORAL_ADDRESS: address, NAMESPACE: namespace, RETENTION: '2d', SEARCH_ATTRIBUTES: searchAttributes, ...env },
    encoding: 'utf8', timeout: 90_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const temporal = (...args: string[]) => execFileSync(path.join(binDir, 'temporal'), [...args, '--address', address], { encoding: 'utf8' });

test('creates the namespace with its retention and every search attribute, and a second run leaves them as they are', () => {
  const first = runSetup({});
  expect(first.output).toContain(`created namespace ${namespace} (retention 2d)`);
  expect(first.code).toBe(0);
  const listed = JSON.parse(temporal('operator', 'search-attribute', 'list', '--namespace', namespace, '--output', 'json')) as { customAttributes: Record<string, string> };
  const types: Record<string, string> = { Keyword: 'INDEXED_VALUE_TYPE_KEYWORD', Datetime: 'INDEXED_VALUE_TYPE_DATETIME', KeywordList: 'INDEXED_VALUE_TYPE_KEYWORD_LIST' };
  expect(listed.customAttributes).toEqual(Object.fromEntries(searchAttributeFlags().map((flag) => { const [name, type] = flag.split('='); return [name, types[type!]]; })));
  const described = JSON.parse(temporal('operator', 'namespace', 'describe', '--namespace', namespace, '--output', 'json')) as { config: { workflowExecutionRetentionTtl: string } };
  expect(described.config.workflowExecutionRetentionTtl).toBe('172800s');

  const second = runSetup({});
  expect(second.code).toBe(0);
  expect(second.output).toContain(`namespace ${namespace} exists`);
  expect(second.output).not.toContain('created');
}, 120_000);

test('stops with an error when an attribute cannot be created, rather than carrying on', () => {
  const run = runSetup({ SEARCH_ATTRIBUTES: 'Broken=NoSuchType' });
  expect(run.code).not.toBe(0);
  expect(run.output).not.toContain('created search attribute Broken');
}, 120_000);
