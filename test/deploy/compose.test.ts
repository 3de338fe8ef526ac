import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { healthEndpoints, ourProcesses, setupSteps, temporalDynamicConfig, temporalVersions, topology, type OurRole } from '../../deploy/topology';
import { searchAttributeFlags } from '../../domain/search-attributes';
import { TASK_QUEUE, lookupQueueOf } from '../../domain/task-queues';
import { configSchema, loadConfig } from '../../src/config';
import { productionProblems, productionReason } from '../../src/production';
import { temporalBinary } from '../../scripts/temporal-server';
import {
  commandOf, copyOf, dependsOn, networksOf, parseCompose, parseEnvFile, publishedPorts, readRepoFile, root, serviceEnvironment, type ComposeFile,
} from './compose-file';

// docker-compose.yml has never run here (no Docker engine): these checks read it as Compose would, and each is
// shown failing on a copy broken on purpose, so a passing check means something.

/**
 * The Compose Specification's JSON schema (compose-spec/compose-spec, schema/compose-spec.json, Apache-2.0),
 * vendored from the npm package dclint@3.1.0 (schemas/compose.schema.json, as its update-compose-schema script
 * fetched it; published 2026-03-24), byte for byte: the sha256 below is that file's.
 */
const composeSchemaFile = 'config/compose-spec.schema.json';
const composeSchemaSha256 = '46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496';

const composeText = readRepoFile('docker-compose.yml');
const compose = parseCompose(composeText);
const ourServices = Object.keys(ourProcesses) as OurRole[];

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// The schema names draft-07 by its https address; Ajv knows that meta-schema by the http one.
ajv.addMetaSchema({ ...(require('ajv/dist/refs/json-schema-draft-07.json') as object), $id: 'https://json-schema.org/draft-07/schema' });
const validateCompose = ajv.compile(JSON.parse(readRepoFile(composeSchemaFile)));

function schemaProblems(doc: unknown): string[] {
  return validateCompose(doc) ? [] : (validateCompose.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** Versions published with every part (PostgreSQL's are major.minor since 10); anything else floats. */
const twoPartVersionImages = new Set(['postgres']);

function unpinnedImages(images: { where: string; image: string }[]): string[] {
  return images.flatMap(({ where, image }) => {
    if (/@sha256:[0-9a-f]{64}$/.test(image)) return [];
    const match = /^([^:@]+)(?::([^@]+))?$/.exec(image);
    const [name, tag] = [match?.[1] ?? image, match?.[2]];
    const parts = twoPartVersionImages.has(name.split('/').pop()!) ? 2 : 3;
    const pinned = tag !== undefined && tag !== 'latest' && new RegExp(`^v?\\d+(\\.\\d+){${parts - 1}}([-.+].+)?$`).test(tag) && !/\$\{/.test(image);
    return pinned ? [] : [`${where}: ${image} is not pinned (a tag with the full version, or a digest)`];
  });
}

const composeImages = (doc: ComposeFile) => Object.entries(doc.services).filter(([, s]) => s.image).map(([name, s]) => ({ where: `service ${name}`, image: s.image! }));
const dockerfileImages = (text: string) => [...text.matchAll(/^FROM\s+(\S+)/gm)].map((m) => ({ where: 'Dockerfile', image: m[1]! }));

/** The env file as an operator fills it: every "generate:" command run, every "example:" value taken. */
function filledEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of parseEnvFile(text)) {
    let value = entry.value;
    if (value === '' && entry.generate) {
      value = execFileSync('sh', ['-c', entry.generate], { cwd: root, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? root, ...env }, encoding: 'utf8' }).trim();
    } else if (value === '' && entry.example) {
      value = entry.example;
    }
    if (value === '') throw new Error(`${entry.name} is empty in the env file with no "# generate:" or "# example:" line above it saying how to fill it`);
    env[entry.name] = value;
  }
  return env;
}

const envExample = readRepoFile('.env.production.example');
let env: Record<string, string>;
beforeAll(() => { env = filledEnvFile(envExample); }, 30_000);

/** Each of our processes as production mode judges it, from what its container gets. */
function processProblems(doc: ComposeFile, values: Record<string, string>): string[] {
  return ourServices.flatMap((role) => {
    const service = doc.services[role];
    if (!service) return [`no service ${role}`];
    const environment = serviceEnvironment(service, values);
    const config = loadConfig(environment);
    const name = ourProcesses[role].processName;
    if (!productionReason(config, environment)) return [`${role}: not in production mode`];
    return productionProblems(config, environment, name).map((p) => `${role}: ${p}`);
  });
}

/** Which services receive each secret: the fewest that need it. */
const secretHolders: Record<string, string[]> = {
  TAKEDOWN_ACTOR_KEY: ['api'],
  TAKEDOWN_PAYLOAD_KEYS: ['api', 'worker'],
  TEMPORAL_DB_PASSWORD: ['postgres', 'temporal', 'temporal-schema'],
  TEMPORAL_UI_OIDC_CLIENT_SECRET: ['temporal-ui'],
};

function secretProblems(doc: ComposeFile, values: Record<string, string>): string[] {
  return Object.entries(secretHolders).flatMap(([secret, allowed]) => {
    const holders = Object.entries(doc.services)
      .filter(([, service]) => Object.values(serviceEnvironment(service, values)).some((v) => v.includes(values[secret]!)))
      .map(([name]) => name)
      .sort();
    return JSON.stringify(holders) === JSON.stringify([...allowed].sort()) ? [] : [`${secret} reaches ${holders.join(', ') || 'no service'}; it belongs to ${allowed.join(', ')}`];
  });
}

/** Settings of src/config.ts no container needs: the dev server's own ports (`npm start`), and a setting replaced by another. */
const notForContainers = new Set(['TAKEDOWN_TEMPORAL_PORT', 'TAKEDOWN_TEMPORAL_UI_PORT', 'TAKEDOWN_BANNER_TRUST_PROXY']);

function settingProblems(doc: ComposeFile): string[] {
  const settings = new Set(Object.keys(configSchema.shape));
  const named = new Map<string, string[]>();
  for (const role of ourServices) {
    const environment = doc.services[role]?.environment ?? {};
    for (const name of Array.isArray(environment) ? environment.map((e) => e.split('=')[0]!) : Object.keys(environment)) named.set(name, [...(named.get(name) ?? []), role]);
  }
  const problems: string[] = [];
  for (const setting of settings) {
    if (!notForContainers.has(setting) && !named.has(setting)) problems.push(`${setting} (src/config.ts) reaches no container: give it a value or list it without one in docker-compose.yml`);
  }
  const outsideConfig = new Set<string>([healthEndpoints.worker.portVariable]);
  for (const name of named.keys()) {
    if (name.startsWith('TAKEDOWN_') && !settings.has(name) && !outsideConfig.has(name)) problems.push(`${name} is no setting of src/config.ts (a typo is read as unset)`);
  }
  return problems;
}

function portProblems(doc: ComposeFile): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(doc.services)) {
    if (service.network_mode === 'host') problems.push(`${name}: network_mode host puts every port on the host`);
    const exposure = topology.find((s) => s.service === name)?.exposure ?? 'none';
    for (const port of publishedPorts(service)) {
      if (exposure === 'none') problems.push(`${name}: publishes ${port.published ?? '?'}→${port.target}; it must stay on the compose network`);
      if (exposure === 'loopback' && port.hostIp !== '127.0.0.1') problems.push(`${name}: publishes ${port.target} on ${port.hostIp ?? 'every interface'}; only this host's loopback (127.0.0.1:…)`);
    }
  }
  // PostgreSQL shares its networks with Temporal alone: none of our processes reaches it.
  const dbNetworks = networksOf(doc.services.postgres ?? {});
  for (const role of ourServices) {
    for (const network of networksOf(doc.services[role] ?? {})) if (dbNetworks.includes(network)) problems.push(`${role}: on PostgreSQL's network ${network}`);
  }
  return problems;
}

function topologyProblems(doc: ComposeFile): string[] {
  const problems: string[] = [];
  const expected = [...topology.map((s) => s.service), ...setupSteps.map((s) => s.service)].sort();
  const actual = Object.keys(doc.services).sort();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`services ${actual.join(', ')}; deploy/topology.ts has ${expected.join(', ')}`);
  for (const spec of topology) {
    const service = doc.services[spec.service];
    if (!service) continue;
    const replicas = service.deploy?.replicas ?? 1;
    if (replicas !== spec.replicas) problems.push(`${spec.service}: ${replicas} replica(s), deploy/topology.ts says ${spec.replicas}`);
    if (Boolean(spec.developmentOnly) !== Boolean(service.profiles?.includes('development'))) problems.push(`${spec.service}: ${spec.developmentOnly ? 'must start only with --profile development' : 'must start without a profile'}`);
    if (spec.role in ourProcesses) {
      const command = commandOf(service.command).join(' ');
      const entry = ourProcesses[spec.role as OurRole].entry;
      if (command !== `node --import tsx ${entry}`) problems.push(`${spec.service}: command "${command}", its role runs "node --import tsx ${entry}"`);
      if (service.image !== doc.services.api?.image) problems.push(`${spec.service}: image ${service.image}, not our one image ${doc.services.api?.image}`);
      if (dependsOn(service)['temporal-namespace'] !== 'service_completed_successfully') problems.push(`${spec.service}: must wait for temporal-namespace to complete`);
    }
  }
  for (const step of setupSteps) {
    const service = doc.services[step.service];
    if (!service) continue;
    if (!(service.volumes ?? []).some((v) => typeof v === 'string' && v.startsWith(`./${step.script}:`))) problems.push(`${step.service}: does not mount ${step.script}`);
    if (!commandOf(service.entrypoint).some((part) => part.endsWith(path.basename(step.script)))) problems.push(`${step.service}: does not run ${step.script}`);
    if (!service.image?.startsWith(`temporalio/admin-tools:${temporalVersions.server}`)) problems.push(`${step.service}: ${service.image} is not Temporal's admin tools at ${temporalVersions.server}`);
  }
  if (dependsOn(doc.services.temporal ?? {})['temporal-schema'] !== 'service_completed_successfully') problems.push('temporal: must wait for temporal-schema to complete');
  if (doc.services.temporal?.image !== `temporalio/server:${temporalVersions.server}`) problems.push(`temporal: ${doc.services.temporal?.image}, not temporalio/server:${temporalVersions.server}`);
  if (doc.services['temporal-ui']?.image !== `temporalio/ui:${temporalVersions.ui}`) problems.push(`temporal-ui: ${doc.services['temporal-ui']?.image}, not temporalio/ui:${temporalVersions.ui}`);
  return problems;
}

const oneShot = new Set<string>(setupSteps.map((s) => s.service));

function healthProblems(doc: ComposeFile, values: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(doc.services)) {
    if (oneShot.has(name)) {
      // A step that exits has no health to probe: its health is having finished, which those after it wait for.
      for (const [other, s] of Object.entries(doc.services)) if (name in dependsOn(s) && dependsOn(s)[name] !== 'service_completed_successfully') problems.push(`${other}: waits for ${name} to start, not to complete`);
      continue;
    }
    const test = service.healthcheck?.test;
    if (!test || service.healthcheck?.disable || (Array.isArray(test) && test[0] === 'NONE')) { problems.push(`${name}: no health check`); continue; }
    if (name in healthEndpoints) {
      const endpoint = healthEndpoints[name as keyof typeof healthEndpoints];
      const url = `http://127.0.0.1:${endpoint.port}${endpoint.ready}`;
      if (commandOf(test).join(' ') !== `CMD node deploy/healthcheck.mjs ${url}`) problems.push(`${name}: health check "${commandOf(test).join(' ')}", deploy/topology.ts says ${url}`);
    }
  }
  const workerPort = serviceEnvironment(doc.services.worker ?? {}, values)[healthEndpoints.worker.portVariable];
  if (workerPort !== String(healthEndpoints.worker.port)) problems.push(`worker: ${healthEndpoints.worker.portVariable}=${workerPort}, its health check probes ${healthEndpoints.worker.port}`);
  return problems;
}

describe('docker-compose.yml', () => {
  test('the vendored Compose schema is the published file, unchanged', () => {
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    expect(createHash('sha256').update(fs.readFileSync(path.join(root, composeSchemaFile))).digest('hex')).toBe(composeSchemaSha256);
  });

  test('validates against the Compose Specification schema', () => {
    expect(schemaProblems(compose)).toEqual([]);
    const broken = copyOf(compose);
    (broken.services.api as Record<string, unknown>).helthcheck = broken.services.api!.healthcheck;
    broken.services.worker!.ports = '8080' as never;
    const problems = schemaProblems(broken);
    expect(problems).toContainEqual(expect.stringContaining('/services/api must NOT have additional properties (helthcheck)'));
    expect(problems).toContainEqual(expect.stringContaining('/services/worker/ports must be array'));
  });

  test('every image, the Dockerfile\'s too, is pinned to a full version', () => {
    const dockerfile = readRepoFile('Dockerfile');
    expect(unpinnedImages([...composeImages(compose), ...dockerfileImages(dockerfile)])).toEqual([]);
    expect(composeImages(compose).length).toBeGreaterThanOrEqual(6);
    for (const floating of ['postgres:16', 'postgres', 'axllent/mailpit:v1.21', 'temporalio/server:latest', 'temporalio/ui:2']) {
      const broken = copyOf(compose);
      broken.services.postgres!.image = floating;
      expect(unpinnedImages(composeImages(broken))).toEqual([`service postgres: ${floating} is not pinned (a tag with the full version, or a digest)`]);
    }
    expect(unpinnedImages(dockerfileImages(dockerfile.replace(/node:20\.20\.2-bookworm-slim/, 'node:20-bookworm-slim')))).toEqual(['Dockerfile: node:20-bookworm-slim is not pinned (a tag with the full version, or a digest)']);
  });

  test('Temporal\'s images are the dev server\'s versions', () => {
    const version = execFileSync(temporalBinary(), ['--version'], { encoding: 'utf8' });
    expect(version).toContain(`Server ${temporalVersions.server},`);
    expect(version).toContain(`UI ${temporalVersions.ui})`);
  });

  test('every empty value of .env.production.example says how to fill it, and a value left empty stops Compose naming it', () => {
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['TAKEDOWN_LINK_SECRET', 'TAKEDOWN_SESSION_SECRET', 'TAKEDOWN_BANNER_SECRET', 'TAKEDOWN_ACTOR_KEY', 'TAKEDOWN_ACTOR_PUBLIC_KEYS', 'TAKEDOWN_PAYLOAD_KEYS', 'TAKEDOWN_OIDC_ISSUER', 'TEMPORAL_DB_PASSWORD']));
    expect(() => filledEnvFile('TAKEDOWN_LINK_SECRET=\n')).toThrow('TAKEDOWN_LINK_SECRET is empty in the env file with no "# generate:" or "# example:" line');
    const { TAKEDOWN_PAYLOAD_KEYS: _dropped, ...withoutKeys } = env;
    expect(() => processProblems(compose, withoutKeys)).toThrow('required variable TAKEDOWN_PAYLOAD_KEYS is missing a value: set TAKEDOWN_PAYLOAD_KEYS in .env.production');
    expect(() => processProblems(compose, { ...env, TAKEDOWN_LINK_SECRET: '' })).toThrow('required variable TAKEDOWN_LINK_SECRET is missing');
  });

  test('each process gets what production mode requires of it, from the env file or its environment', () => {
    expect(processProblems(compose, env)).toEqual([]);
    // The generated public key is the actor key's: the workers accept what the API signs.
    const { actorSigningKey } = require('../../src/actor-keys') as typeof import('../../src/actor-keys');
    expect(env.TAKEDOWN_ACTOR_PUBLIC_KEYS).toBe(actorSigningKey(env.TAKEDOWN_ACTOR_KEY!).publicKey);

    const noKeys = copyOf(compose);
    delete (noKeys.services.worker!.environment as Record<string, unknown>).TAKEDOWN_PAYLOAD_KEYS;
    delete (noKeys.services.worker!.environment as Record<string, unknown>).TAKEDOWN_ACTOR_PUBLIC_KEYS;
    const problems = processProblems(noKeys, env);
    expect(problems).toContainEqual(expect.stringMatching(/^worker: TAKEDOWN_PAYLOAD_KEYS: not set/));
    expect(problems).toContainEqual(expect.stringMatching(/^worker: TAKEDOWN_ACTOR_PUBLIC_KEYS: not set/));
    const noIssuer = copyOf(compose);
    delete (noIssuer.services.banner!.environment as Record<string, unknown>).TAKEDOWN_OIDC_ISSUER;
    expect(processProblems(noIssuer, env)).toEqual([expect.stringMatching(/^banner: TAKEDOWN_OIDC_ISSUER: not set/)]);
  });

  test('each secret reaches only the services that use it', () => {
    expect(secretProblems(compose, env)).toEqual([]);
    const leaky = copyOf(compose);
    (leaky.services.worker!.environment as Record<string, unknown>).TAKEDOWN_ACTOR_KEY = '${TAKEDOWN_ACTOR_KEY}';
    expect(secretProblems(leaky, env)).toEqual(['TAKEDOWN_ACTOR_KEY reaches api, worker; it belongs to api']);
  });

  test('every setting of src/config.ts reaches our containers, and no name there is misspelt', () => {
    expect(settingProblems(compose)).toEqual([]);
    const broken = copyOf(compose);
    const environment = broken.services.api!.environment as Record<string, unknown>;
    delete environment.TAKEDOWN_API_BODY_LIMIT;
    for (const role of ourServices) delete (broken.services[role]!.environment as Record<string, unknown>).TAKEDOWN_API_BODY_LIMIT;
    environment.TAKEDOWN_SMTP_HOTS = 'relay';
    expect(settingProblems(broken)).toEqual([
      'TAKEDOWN_API_BODY_LIMIT (src/config.ts) reaches no container: give it a value or list it without one in docker-compose.yml',
      'TAKEDOWN_SMTP_HOTS is no setting of src/config.ts (a typo is read as unset)',
    ]);
  });

  test('the Temporal Web UI decrypts through the API\'s codec server, which answers its origin, in one namespace', () => {
    const ui = serviceEnvironment(compose.services['temporal-ui']!, env);
    const api = serviceEnvironment(compose.services.api!, env);
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`${api.TAKEDOWN_PUBLIC_URL}/codec`);
    expect(ui.TEMPORAL_CODEC_PASS_ACCESS_TOKEN).toBe('true');
    expect(ui.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
    expect(ui.TEMPORAL_AUTH_ENABLED).toBe('true');
    expect(ui.TEMPORAL_AUTH_PROVIDER_URL).toBe(api.TAKEDOWN_OIDC_ISSUER);
    expect(loadConfig(api).TAKEDOWN_CODEC_CORS_ORIGINS).toEqual([new URL(ui.TEMPORAL_AUTH_CALLBACK_URL!).origin]);
    const namespace = serviceEnvironment(compose.services['temporal-namespace']!, env).NAMESPACE;
    for (const role of ourServices) expect(serviceEnvironment(compose.services[role]!, env).TAKEDOWN_TEMPORAL_NAMESPACE).toBe(namespace);
    expect(ui.TEMPORAL_DEFAULT_NAMESPACE).toBe(namespace);
  });

  test('the namespace step registers every search attribute of domain/search-attributes.ts', () => {
    const registered = (doc: ComposeFile) => serviceEnvironment(doc.services['temporal-namespace']!, env).SEARCH_ATTRIBUTES;
    expect(registered(compose)).toBe(searchAttributeFlags().join(' '));
    const broken = copyOf(compose);
    (broken.services['temporal-namespace']!.environment as Record<string, string>).SEARCH_ATTRIBUTES = searchAttributeFlags().slice(1).join(' ');
    expect(registered(broken)).not.toBe(searchAttributeFlags().join(' '));
  });

  test('Temporal runs with fairness on and one partition on the lookup queue, from the dynamic config it mounts', () => {
    const temporal = compose.services.temporal!;
    const file = serviceEnvironment(temporal, env).DYNAMIC_CONFIG_FILE_PATH;
    expect(temporal.volumes).toContain(`./${temporalDynamicConfig}:${file}:ro`);
    const dynamic = parse(readRepoFile(temporalDynamicConfig)) as Record<string, { value: unknown; constraints?: { taskQueueName?: string } }[]>;
    expect(dynamic['matching.enableFairness']).toEqual([{ value: true }]);
    for (const key of ['matching.numTaskqueueReadPartitions', 'matching.numTaskqueueWritePartitions']) {
      expect(dynamic[key]).toEqual([{ value: 1, constraints: { taskQueueName: lookupQueueOf(TASK_QUEUE) } }]);
    }
  });

  test('Temporal and PostgreSQL publish no port, the Web UI, the API and Mailpit only on loopback, and no process of ours reaches PostgreSQL', () => {
    expect(portProblems(compose)).toEqual([]);
    expect(compose.networks?.['temporal-db']?.internal).toBe(true);
    const broken = copyOf(compose);
    broken.services.temporal!.ports = ['7233:7233'];
    broken.services.postgres!.ports = [{ target: 5432, published: 5432, host_ip: '127.0.0.1' }];
    broken.services['temporal-ui']!.ports = ['8233:8080'];
    broken.services.worker!.networks = ['default', 'temporal-db'];
    expect(portProblems(broken)).toEqual([
      'postgres: publishes 5432→5432; it must stay on the compose network',
      'temporal: publishes 7233→7233; it must stay on the compose network',
      'temporal-ui: publishes 8080 on every interface; only this host\'s loopback (127.0.0.1:…)',
      'worker: on PostgreSQL\'s network temporal-db',
    ]);
  });

  test('the services and their roles are deploy/topology.ts\'s: two workers, the API, the banner, Temporal on PostgreSQL, its Web UI, a mail relay', () => {
    expect(topologyProblems(compose)).toEqual([]);
    const broken = copyOf(compose);
    broken.services.worker!.deploy = { replicas: 1 };
    broken.services.banner!.command = ['node', '--import', 'tsx', 'src/api/main.ts'];
    broken.services.extra = { image: 'busybox:1.36.1' };
    delete broken.services.mail!.profiles;
    broken.services.temporal!.image = 'temporalio/server:1.28.0';
    expect(topologyProblems(broken)).toEqual([
      expect.stringMatching(/^services .*extra.*; deploy\/topology.ts has /),
      'mail: must start only with --profile development',
      'worker: 1 replica(s), deploy/topology.ts says 2',
      'banner: command "node --import tsx src/api/main.ts", its role runs "node --import tsx src/banner/main.ts"',
      'temporal: temporalio/server:1.28.0, not temporalio/server:1.29.1',
    ]);
  });

  test('every long-running service has a health check, ours on the endpoints of deploy/topology.ts', () => {
    expect(healthProblems(compose, env)).toEqual([]);
    const broken = copyOf(compose);
    delete broken.services.postgres!.healthcheck;
    broken.services.api!.healthcheck = { test: ['CMD', 'node', 'deploy/healthcheck.mjs', 'http://127.0.0.1:8080/healthz'] };
    (broken.services.worker!.environment as Record<string, string>).TAKEDOWN_WORKER_HEALTH_PORT = '9000';
    broken.services.temporal!.depends_on = ['temporal-schema'];
    expect(healthProblems(broken, env)).toEqual([
      'postgres: no health check',
      'temporal: waits for temporal-schema to start, not to complete',
      'api: health check "CMD node deploy/healthcheck.mjs http://127.0.0.1:8080/healthz", deploy/topology.ts says http://127.0.0.1:8080/readyz',
      'worker: TAKEDOWN_WORKER_HEALTH_PORT=9000, its health check probes 9464',
    ]);
  });
});
