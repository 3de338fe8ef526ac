import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { platformContactsFileSchema, registryContactsFileSchema, type NoticeDirectory } from '../../domain/registries';

/** The vendored example contacts (replace them through TAKEDOWN_REGISTRY_CONTACTS / TAKEDOWN_PLATFORM_CONTACTS). */
export const defaultRegistryContactsFile = path.resolve(__dirname, '..', '..', 'config', 'registries.json');
export const defaultPlatformContactsFile = path.resolve(__dirname, '..', '..', 'config', 'platforms.json');

function readJson<S extends z.ZodType>(file: string, schema: S, variable: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${variable}: ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Reads and validates the contact files once, when the worker starts: a bad file stops the worker
 * naming the file, the variable and the field, rather than failing a seizure order days later.
 */
export function loadNoticeDirectory(options: { registryFile?: string; platformFile?: string; seizureNameservers: string[] }): NoticeDirectory {
  const registries = readJson(options.registryFile ?? defaultRegistryContactsFile, registryContactsFileSchema, 'TAKEDOWN_REGISTRY_CONTACTS');
  const platforms = readJson(options.platformFile ?? defaultPlatformContactsFile, platformContactsFileSchema, 'TAKEDOWN_PLATFORM_CONTACTS');
  if (options.seizureNameservers.length === 0) throw new Error('TAKEDOWN_SEIZURE_NAMESERVERS: a registry order needs at least one seizure name server');
  return { registries: registries.registries, partners: registries.partners, platforms: platforms.platforms, paymentProcessors: platforms.paymentProcessors, seizureNameservers: options.seizureNameservers };
}
