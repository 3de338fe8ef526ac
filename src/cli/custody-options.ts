/**
 * The options of `takedown custody record <domain> <fact>`, read from the fact's own schema in
 * domain/custody.ts: one option per field (`sentOn` is `--sent-on`), repeatable for a list, a switch for a
 * yes/no. The CLI never redefines a field; the API validates the body and names what is wrong.
 */
import { z } from 'zod';
import type { CustodyFact } from '../api/custody/facts';

export interface FactOption {
  flag: string;
  field: string;
  kind: 'value' | 'list' | 'switch';
  optional: boolean;
  /** How the usage text names its value: DATE, the choices, or the field. */
  placeholder: string;
}

const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function describe(field: string, schema: z.ZodType): Omit<FactOption, 'flag' | 'field' | 'optional'> {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return describe(field, schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return { ...describe(field, schema.element as z.ZodType), kind: 'list' };
  if (schema instanceof z.ZodBoolean) return { kind: 'switch', placeholder: '' };
  if (schema instanceof z.ZodEnum) return { kind: 'value', placeholder: schema.options.join('|') };
  // The only unions in the facts are the instants: a date or an ISO date-time.
  if (schema instanceof z.ZodUnion) return { kind: 'value', placeholder: 'DATE' };
  return { kind: 'value', placeholder: kebab(field).toUpperCase() };
}

export function optionsOf(fact: CustodyFact): FactOption[] {
  return Object.entries(fact.schema.shape).map(([field, schema]) => {
    const type = schema as z.ZodType;
    const described = describe(field, type);
    // A switch left out means no (a sealed extension is said so).
    return { flag: kebab(field), field, optional: type.isOptional() || described.kind === 'switch', ...described };
  });
}

/** One line of usage: `extension --clock personal-notice|complaint --until DATE --order ORDER [--sealed]`. */
export function factUsage(fact: CustodyFact): string {
  const option = (o: FactOption) => `--${o.flag}${o.placeholder ? ` ${o.placeholder}` : ''}${o.kind === 'list' ? ' ...' : ''}`;
  return [fact.name, ...optionsOf(fact).map((o) => (o.optional ? `[${option(o)}]` : option(o)))].join(' ');
}

/** The request body from the options given; an option the fact does not take is an error naming the ones it does. */
export function bodyOf(fact: CustodyFact, given: Record<string, string[]>): Record<string, unknown> {
  const options = optionsOf(fact);
  const unknown = Object.keys(given).filter((flag) => !options.some((o) => o.flag === flag));
  if (unknown.length) throw new UsageError(`${fact.name} takes ${options.map((o) => `--${o.flag}`).join(', ')}; not --${unknown.join(', --')}`);
  const body: Record<string, unknown> = {};
  for (const o of options) {
    const values = given[o.flag];
    if (o.kind === 'switch') body[o.field] = values !== undefined && values.at(-1) !== 'false';
    else if (values !== undefined) body[o.field] = o.kind === 'list' ? values : values.at(-1);
  }
  return body;
}

/** The API names refused fields as the body does (`sentOn`); people typed options (`--sent-on`). */
export function asOptions(fields: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fields) return undefined;
  const named: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fields)) (named[`--${kebab(field.replace(/\.\d+$/, ''))}`] ??= []).push(...messages);
  return named;
}

/** Wrong arguments: the command prints it with its usage and exits 64. */
export class UsageError extends Error {}
