import { z } from 'zod';
import { caseIdPattern } from '../../domain/ids';
import { deadlineStates } from '../../domain/search-attributes';
import { caseStages, domainStages, profileStages, terminalOutcomes } from '../../domain/stages';
import { caseSettingsSchema } from '../../domain/settings';

/** Shared pieces of the route schemas; each route file declares its own bodies. */
export const caseIdParams = z.object({
  caseId: z.string().regex(caseIdPattern, { error: 'a case ID has 3 to 64 letters, digits or dashes' }),
});

/**
 * A filter value as the visibility query takes it (src/api/temporal/visibility.ts, visibilityLiteral): at most 200
 * characters without quotes, backslashes or line breaks. Said here so the contract states what the server takes.
 */
const literal = String.raw`[^'"\\\n\r]`;
const literalError = 'at most 200 characters without quotes, backslashes or line breaks';
export const filterValue = z.string().regex(new RegExp(`^${literal}{0,200}$`), { error: literalError });

/** A comma-separated filter value as a list (`stage=LOOKUP,EVIDENCE`): each value a filter value as above. */
const listItem = String.raw`[^'"\\\n\r,]{0,200}`;
export const commaList = z
  .string()
  .max(500)
  .regex(new RegExp(`^${listItem}(,${listItem})*$`), { error: `comma-separated values, each ${literalError}` })
  .optional()
  .transform((value) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined));

/**
 * A comma-separated filter of known values: an unknown one is refused naming what is accepted (a filter that
 * can never match would otherwise answer an empty list, as if nothing were there).
 */
export const oneOfList = (accepted: readonly string[], what: string) => commaList.superRefine((values, ctx) => {
  const unknown = (values ?? []).filter((v) => !accepted.includes(v));
  if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown ${what} ${unknown.map((v) => `"${v}"`).join(', ')}; accepted: ${accepted.join(', ')}` });
});

/** Every stage a target's Stage search attribute takes (domains and profiles, working and terminal). */
export const targetStages: readonly string[] = [...new Set([...domainStages, ...profileStages, ...terminalOutcomes])];
export const caseStageList = oneOfList(caseStages, 'case stage');

/** The clocks of a case (or of an operation's cases) as a request may shorten them; the product's defaults otherwise. */
export const caseClocks = caseSettingsSchema.partial().optional().describe('per-case clocks (review reminders, deadlines); the defaults otherwise');

export const limit = z.coerce.number().int().min(1).max(5000).default(500);

/** The filters every target listing takes: the search attributes coordinators slice by. */
export const targetFilterQuery = z.object({
  stage: oneOfList(targetStages, 'stage').describe(`stages, comma-separated: ${targetStages.join(', ')}`),
  kind: oneOfList(['domain', 'hosted', 'profile'], 'kind').describe('domain, hosted or profile, comma-separated'),
  deadline: oneOfList(deadlineStates, 'deadline state').describe('deadline states, comma-separated: OK, DUE_SOON, BREACHED'),
  case: filterValue.optional().describe('case ID'),
  operation: filterValue.optional().describe('operation ID'),
  registrar: filterValue.optional().describe('registrar name, exactly as the lookup found it'),
  registry: filterValue.optional(),
  tld: filterValue.max(63).optional(),
  platform: filterValue.max(40).optional(),
  limit,
});
export type TargetFilterQuery = z.output<typeof targetFilterQuery>;

export function toTargetFilter(query: TargetFilterQuery) {
  return {
    stage: query.stage, kind: query.kind, deadlineState: query.deadline, caseId: query.case, operationId: query.operation,
    registrar: query.registrar, registry: query.registry, tld: query.tld, platform: query.platform,
  };
}
