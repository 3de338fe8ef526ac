import { z } from 'zod';
import { caseIdPattern } from '../../domain/ids';
import { caseSettingsSchema } from '../../domain/settings';

/** Shared pieces of the route schemas; each route file declares its own bodies. */
export const caseIdParams = z.object({
  caseId: z.string().regex(caseIdPattern, { error: 'a case ID has 3 to 64 letters, digits or dashes' }),
});

/** A comma-separated filter value as a list (`stage=LOOKUP,EVIDENCE`). */
export const commaList = z
  .string()
  .max(500)
  .optional()
  .transform((value) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined));

/** The clocks of a case (or of an operation's cases) as a request may shorten them; the product's defaults otherwise. */
export const caseClocks = caseSettingsSchema.partial().optional().describe('per-case clocks (review reminders, deadlines); the defaults otherwise');

export const limit = z.coerce.number().int().min(1).max(5000).default(500);

/** The filters every target listing takes: the search attributes coordinators slice by. */
export const targetFilterQuery = z.object({
  stage: commaList.describe('stages, comma-separated (LOOKUP, LEGAL_REVIEW, SEIZED, ...)'),
  kind: commaList.describe('domain, hosted or profile, comma-separated'),
  deadline: commaList.describe('deadline states, comma-separated: OK, DUE_SOON, BREACHED'),
  case: z.string().max(200).optional().describe('case ID'),
  operation: z.string().max(200).optional().describe('operation ID'),
  registrar: z.string().max(200).optional().describe('registrar name, exactly as the lookup found it'),
  registry: z.string().max(200).optional(),
  tld: z.string().max(63).optional(),
  platform: z.string().max(40).optional(),
  limit,
});
export type TargetFilterQuery = z.output<typeof targetFilterQuery>;

export function toTargetFilter(query: TargetFilterQuery) {
  return {
    stage: query.stage, kind: query.kind, deadlineState: query.deadline, caseId: query.case, operationId: query.operation,
    registrar: query.registrar, registry: query.registry, tld: query.tld, platform: query.platform,
  };
}
