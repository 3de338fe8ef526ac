/**
 * A small JSON Schema (2020-12) validator for the keywords our stored schemas use, so the XARF copy is
 * checked against the very file published in the repo without another dependency. A schema that uses a
 * keyword it does not know is refused when loaded: never a silently ignored rule.
 */
export type JsonSchema = { [keyword: string]: unknown };
export interface SchemaError { path: string; message: string }

const annotations = new Set(['$schema', '$id', '$comment', '$defs', 'title', 'description', 'examples', 'contentEncoding', 'x-recommended']);
const assertions = new Set(['type', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'maxItems', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'format', '$ref', 'anyOf', 'allOf', 'oneOf']);

const formats: Record<string, (value: string) => boolean> = {
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  hostname: (v) => v.length <= 253 && v.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label)),
  uri: (v) => { try { return new URL(v).protocol.length > 1; } catch { return false; } },
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Checks that a schema only uses keywords this validator enforces; throws naming the first that it does not. */
export function checkSupported(schema: unknown, at = '#'): void {
  if (typeof schema !== 'object' || schema === null) return;
  for (const [keyword, value] of Object.entries(schema)) {
    if (!annotations.has(keyword) && !assertions.has(keyword)) throw new Error(`schema keyword "${keyword}" at ${at} is not supported by lib/mail/json-schema.ts`);
    if (keyword === 'properties' || keyword === '$defs') for (const [name, sub] of Object.entries(value as object)) checkSupported(sub, `${at}/${keyword}/${name}`);
    else if (keyword === 'items' || keyword === 'additionalProperties') checkSupported(value, `${at}/${keyword}`);
    else if (keyword === 'anyOf' || keyword === 'allOf' || keyword === 'oneOf') (value as unknown[]).forEach((sub, i) => checkSupported(sub, `${at}/${keyword}/${i}`));
  }
}

/** Every way `value` breaks `schema` (empty when it conforms); `root` resolves local `$ref`s. */
export function validate(schema: JsonSchema, value: unknown, root: JsonSchema = schema, path = ''): SchemaError[] {
  const errors: SchemaError[] = [];
  const fail = (message: string) => errors.push({ path: path || '(root)', message });
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    errors.push(...validate(target as JsonSchema, value, root, path));
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = ([] as unknown[]).concat(schema.type);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) { fail(`must be ${allowed.join(' or ')}, is ${actual}`); return errors; }
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) fail(`must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) fail(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail(`must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) fail(`must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`must match ${schema.pattern}`);
    if (typeof schema.format === 'string' && formats[schema.format] && !formats[schema.format]!(value)) fail(`must be a valid ${schema.format}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`must be at most ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...validate(schema.items as JsonSchema, item, root, `${path}[${i}]`)));
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in object)) errors.push({ path: join(path, name), message: 'is required' });
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) errors.push(...validate(properties[name]!, item, root, join(path, name)));
      else if (schema.additionalProperties === false) errors.push({ path: join(path, name), message: 'is not allowed here' });
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(schema.additionalProperties as JsonSchema, item, root, join(path, name)));
    }
  }
  for (const sub of (schema.allOf as JsonSchema[] | undefined) ?? []) errors.push(...validate(sub, value, root, path));
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((sub) => validate(sub as JsonSchema, value, root, path).length === 0)) fail('matches none of the allowed shapes (anyOf)');
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((sub) => validate(sub as JsonSchema, value, root, path).length === 0).length !== 1) fail('must match exactly one of the allowed shapes (oneOf)');
  return errors;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
