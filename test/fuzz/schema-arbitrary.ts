import fc from 'fast-check';
import { anyKey, anyText, junkJson } from './arbitraries';

/** The part of JSON Schema the API's OpenAPI document uses (fastify-type-provider-zod's output). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** How often a node of a body is replaced by junk instead of what its schema asks for. */
const junkWeight = 1;
const validWeight = 12;

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return isoDate.map((d) => d.toISOString());
  if (schema.format === 'email') return fc.tuple(fc.stringMatching(/^[a-z0-9.]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/)).map(([a, b]) => `${a.replace(/^\.|\.$|\.\./g, 'x')}@${b}.example`);
  if (schema.pattern) {
    try {
      const matching = fc.stringMatching(new RegExp(schema.pattern));
      return schema.maxLength === undefined ? matching : matching.filter((s) => s.length <= schema.maxLength! && s.length >= (schema.minLength ?? 0));
    } catch {
      return anyText;
    }
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? min + 40, min + 40);
  return fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ unit: 'grapheme', minLength: min, maxLength: max }), fc.stringMatching(/^[a-z0-9.:/-]{0,30}$/).filter((s) => s.length >= min && s.length <= max));
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  // OpenAPI 3.0 writes an exclusive bound as `minimum` with `exclusiveMinimum: true`; JSON Schema 2020 as a number.
  const step = integer ? 1 : Number.EPSILON;
  const exclusive = schema.exclusiveMinimum as number | boolean | undefined;
  const min = exclusive === true ? (schema.minimum ?? 0) + step : typeof exclusive === 'number' ? exclusive + step : (schema.minimum ?? -1e6);
  const max = Math.min(schema.maximum ?? 1e6, 1e9);
  return integer ? fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/**
 * Values shaped by a JSON schema, with junk at any depth (or, with `junk` false, none): most nodes are what the schema asks for (so a
 * body gets past its first field and into the deeper checks), some are anything at all, and objects
 * sometimes carry extra keys (the prototype ones among them). Bodies that pass validation reach the
 * routes' own checks and Temporal.
 */
export function schemaArbitrary(schema: JsonSchema, junk = true, depth = 0): fc.Arbitrary<unknown> {
  return junk ? fc.oneof({ weight: validWeight, arbitrary: shaped(schema, junk, depth) }, { weight: junkWeight, arbitrary: junkJson }) : shaped(schema, junk, depth);
}

function shaped(schema: JsonSchema, junk: boolean, depth: number): fc.Arbitrary<unknown> {
  if (depth > 8) return junkJson;
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => schemaArbitrary(s, junk, depth + 1)));
  if (schema.allOf?.length) return schemaArbitrary(Object.assign({}, ...schema.allOf) as JsonSchema, junk, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => shaped({ ...schema, type }, junk, depth)));
  switch (types[0]) {
    case 'object': return objectOf(schema, junk, depth);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(schemaArbitrary(schema.items ?? {}, junk, depth + 1), { minLength, maxLength: Math.min(schema.maxItems ?? minLength + 4, minLength + 4) });
    }
    case 'string': return stringOf(schema);
    case 'integer': return numberOf(schema, true);
    case 'number': return numberOf(schema, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    default: return junkJson;
  }
}

function objectOf(schema: JsonSchema, junk: boolean, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(properties).map(([key, child]) =>
    // A required field is left out now and then; an optional one is there half the time.
    fc.tuple(fc.constant(key), fc.oneof({ weight: required.has(key) ? (junk ? 20 : 1000) : 1, arbitrary: schemaArbitrary(child, junk, depth + 1).map((v) => ({ v })) }, { weight: 1, arbitrary: fc.constant(undefined) })),
  );
  const extra = junk ? fc.oneof({ weight: 6, arbitrary: fc.constant([] as [string, unknown][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(anyKey, junkJson), { maxLength: 3 }) }) : fc.constant([] as [string, unknown][]);
  return fc.tuple(fc.tuple(...fields), extra).map(([present, extras]) => {
    // Built through JSON, as a request body is: `__proto__` becomes an own key, not the prototype.
    const entries: [string, unknown][] = [...present.flatMap(([key, wrapped]) => (wrapped ? [[key, wrapped.v] as [string, unknown]] : [])), ...extras];
    return JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`) as unknown;
  });
}
