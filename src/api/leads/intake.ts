import { z } from 'zod';
import { TakedownError } from '../../../domain/errors';
import { leadSubmissionSchema, type LeadSubmission, type LeadSubmissionInput } from '../../../domain/leads';
import { normalizeTarget } from '../../../domain/targets';
import type { XarfReport } from '../../../domain/xarf';
import { csvRecords } from '../cases/import-rows';

/**
 * What partners send, read into lead submissions: a XARF v4 report (the format rights holders, platforms and
 * payment processors already send) and a CSV of leads. Every refusal names the field (a CSV row's
 * `rows.<line>.<column>`), why, and what is accepted; nothing is stored unless the whole upload is good.
 */

/** Limits on what a partner sends (the README states them; the routes enforce them). */
export const intakeLimits = {
  /** Rows per CSV upload. */
  csvRows: 500,
  /** Bytes per request body: a lead, a XARF report, a CSV upload. */
  leadBodyBytes: 64 * 1024,
  xarfBodyBytes: 256 * 1024,
  csvBodyBytes: 512 * 1024,
  /** Lead submissions (any of the three) per minute per sign-in. */
  submissionsPerMinute: 30,
} as const;

const zodFields = (error: z.ZodError, prefix: string): Record<string, string[]> => {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)'] ??= []).push(issue.message);
  return fields;
};

const refuse = (what: string, fields: Record<string, string[]>): never => {
  throw new TakedownError('VALIDATION_FAILED', `${what} is invalid: ${Object.entries(fields).map(([f, m]) => `${f}: ${m.join('; ')}`).join('; ')}`, fields);
};

/** A submission checked by the one lead schema, its errors named under `prefix`. */
export function checkedSubmission(input: LeadSubmissionInput, what: string, prefix = ''): LeadSubmission {
  const parsed = leadSubmissionSchema.safeParse(input);
  if (!parsed.success) refuse(what, zodFields(parsed.error, prefix));
  return parsed.data!;
}

// ---- XARF v4 ----------------------------------------------------------------------------------------

/** The source types a referral may name: a web address, or a domain. An IP or an e-mail address is not a seizable target. */
export const xarfSourceTypes = ['uri', 'url', 'domain'] as const;

/**
 * XARF v4 as partners send it: `Version`, `ReporterInfo` (the organisation and its contact), `Report` with
 * `ReportClass`, `ReportType`, `SourceType` and `Source` (one or several), and optionally a date, the
 * reporter's own ID, a description and attachments (by reference: a URL and/or a SHA-256; inline payloads
 * are not taken, since a lead keeps attachments by reference only).
 */
export const xarfIntakeSchema = z.object({
  Version: z.string().regex(/^\d+(\.\d+){0,2}$/, { error: 'the XARF version, e.g. "4" or "4.0.0"' }),
  ReporterInfo: z.object({
    ReporterOrg: z.string().trim().min(1, 'the reporting organisation').max(200),
    ReporterOrgDomain: z.string().max(253).optional(),
    ReporterOrgEmail: z.email({ error: 'an e-mail address' }).optional(),
    ReporterContactEmail: z.email({ error: 'an e-mail address' }).optional(),
    ReporterContactName: z.string().max(200).optional(),
    ReporterContactPhone: z.string().max(50).optional(),
  }),
  Disclosure: z.boolean().optional(),
  Report: z.object({
    ReportID: z.string().trim().min(1).max(200).optional(),
    ReportClass: z.string().trim().min(1, 'the XARF report class, e.g. "Content"').max(60),
    ReportType: z.string().trim().min(1, 'the XARF report type, e.g. "Copyright" or "Counterfeit"').max(60),
    Date: z.string().max(60).optional(),
    SourceType: z.string().refine((t) => (xarfSourceTypes as readonly string[]).includes(t.toLowerCase()), { error: `accepted source types: ${['Uri', 'Url', 'Domain'].join(', ')} (an IP address or an e-mail address is not a target)` }),
    Source: z.union([z.string().trim().min(1).max(2048), z.array(z.string().trim().min(1).max(2048)).min(1).max(200)], { error: 'a web address or domain, or a list of them (at most 200)' }),
    Description: z.string().max(8000).optional(),
    Comment: z.string().max(8000).optional(),
    Attachment: z.array(z.object({
      Description: z.string().max(200).optional(),
      ContentType: z.string().max(100).optional(),
      Url: z.httpUrl({ error: 'an http(s) link to the attachment' }).optional(),
      Sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, { error: '64 hex digits' }).optional(),
    }).refine((a) => a.Url !== undefined || a.Sha256 !== undefined, { error: 'an attachment by reference: Url and/or Sha256 (inline payloads are not taken)', path: ['Url'] })).max(20).optional(),
  }),
});
export type XarfIntake = z.infer<typeof xarfIntakeSchema>;

/**
 * The snake_case XARF v4 that our own notices carry (domain/xarf.ts): a partner may send its report in
 * that shape too, the fields we read named as in our own `XarfReport`.
 */
type OurXarfField = Extract<keyof XarfReport, 'xarf_version' | 'report_id' | 'reporter' | 'category' | 'type' | 'url' | 'domain' | 'description'>;
const ourXarfSchema = z.object({
  xarf_version: z.string().regex(/^4(\.\d+){0,2}$/, { error: 'the XARF version, "4.0.0"' }),
  report_id: z.string().trim().min(1).max(200),
  reporter: z.object({ org: z.string().trim().min(1).max(200) }),
  category: z.string().min(1).max(60),
  type: z.string().min(1).max(60),
  url: z.string().min(1).max(2048).optional(),
  domain: z.string().min(1).max(253).optional(),
  description: z.string().max(8000).optional(),
} satisfies Record<OurXarfField, z.ZodType>).refine((r) => r.url !== undefined || r.domain !== undefined, { error: 'a report names a url or a domain', path: ['url'] });

/** A XARF report as a lead submission (which field of the report was wrong is named as sent). */
export function leadFromXarf(body: unknown): LeadSubmission {
  if (body !== null && typeof body === 'object' && 'xarf_version' in body) {
    const parsed = ourXarfSchema.safeParse(body);
    if (!parsed.success) refuse('the XARF report', zodFields(parsed.error, ''));
    const r = parsed.data!;
    const sources = [r.url, r.domain].filter((s): s is string => !!s);
    return split(sources, `${r.reporter.org}: ${r.category}/${r.type}`, r.description ?? '', r.report_id, []);
  }
  const parsed = xarfIntakeSchema.safeParse(body);
  if (!parsed.success) refuse('the XARF report', zodFields(parsed.error, ''));
  const { ReporterInfo: who, Report: report } = parsed.data!;
  const sources = Array.isArray(report.Source) ? report.Source : [report.Source];
  const text = [report.Description, report.Comment, `Reported by ${who.ReporterOrg}${who.ReporterContactName ? ` (${who.ReporterContactName}` : ''}${who.ReporterContactEmail ? `${who.ReporterContactName ? ', ' : ' ('}${who.ReporterContactEmail}` : ''}${who.ReporterContactName || who.ReporterContactEmail ? ')' : ''}${report.Date ? ` on ${report.Date}` : ''}.`].filter(Boolean).join('\n\n');
  const attachments = (report.Attachment ?? []).map((a, i) => ({ name: a.Description ?? `attachment ${i + 1}`, ...(a.Url ? { url: a.Url } : {}), ...(a.Sha256 ? { sha256: a.Sha256.toLowerCase() } : {}), ...(a.ContentType ? { mediaType: a.ContentType } : {}) }));
  return split(sources, `${who.ReporterOrg}: ${report.ReportClass}/${report.ReportType}`, text, report.ReportID, attachments);
}

/** Sources as domains or profile links (each kept as sent; triage normalises them). */
function split(sources: string[], summary: string, text: string, reference: string | undefined, attachments: LeadSubmissionInput['attachments']): LeadSubmission {
  const isProfile = (s: string) => { const r = normalizeTarget(s); return r.ok && r.target.kind === 'profile'; };
  return checkedSubmission({
    summary: summary.slice(0, 300), domains: sources.filter((s) => !isProfile(s)), profiles: sources.filter(isProfile), text, attachments,
    ...(reference ? { reference } : {}),
  }, 'the XARF report');
}

// ---- CSV --------------------------------------------------------------------------------------------

/** The columns a lead CSV may have (a header row names them, in any order); one row is one lead. */
export const csvColumns = ['summary', 'domains', 'profiles', 'payment_processor', 'payment_account', 'text', 'reference', 'attachment_url'] as const;

const cellList = (cell: string | undefined) => (cell ?? '').split(/[\s;]+/).map((v) => v.trim()).filter(Boolean);

/**
 * A CSV of leads: RFC 4180, a header row naming columns of `csvColumns` (`domains` and `profiles` may hold
 * several, separated by spaces or `;`), at most `intakeLimits.csvRows` rows. Every row is checked before any
 * is stored: one bad row refuses the upload, naming each bad row's line and column.
 */
export function leadsFromCsv(content: string): { line: number; submission: LeadSubmission }[] {
  const records = csvRecords(content.replace(/^\uFEFF/, '')).filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === '') && !r.fields[0]!.trimStart().startsWith('#'));
  if (records.length === 0) refuse('the CSV', { content: ['the file is empty: a header row and at least one lead'] });
  const header = records[0]!.fields.map((f) => f.trim().toLowerCase());
  const unknown = header.filter((h) => !(csvColumns as readonly string[]).includes(h));
  if (unknown.length) refuse('the CSV', { 'content.header': [`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; accepted: ${csvColumns.join(', ')}`] });
  if (!header.includes('summary')) refuse('the CSV', { 'content.header': [`a "summary" column is required; accepted: ${csvColumns.join(', ')}`] });
  const rows = records.slice(1);
  if (rows.length === 0) refuse('the CSV', { content: ['the file has a header and no lead'] });
  if (rows.length > intakeLimits.csvRows) refuse('the CSV', { content: [`at most ${intakeLimits.csvRows} rows per upload (this file has ${rows.length}); split it`] });
  const fields: Record<string, string[]> = {};
  const out: { line: number; submission: LeadSubmission }[] = [];
  for (const row of rows) {
    const cell = (name: (typeof csvColumns)[number]) => { const i = header.indexOf(name); return i >= 0 ? (row.fields[i] ?? '').trim() : ''; };
    const processor = cell('payment_processor');
    const account = cell('payment_account');
    if ((processor === '') !== (account === '')) (fields[`rows.${row.line}.${processor ? 'payment_account' : 'payment_processor'}`] ??= []).push('payment_processor and payment_account go together');
    const attachment = cell('attachment_url');
    const parsed = leadSubmissionSchema.safeParse({
      summary: cell('summary'), domains: cellList(cell('domains')), profiles: cellList(cell('profiles')), text: cell('text'),
      paymentAccounts: processor && account ? [{ processor, account }] : [],
      attachments: attachment ? [{ name: attachment.split('/').pop() || 'attachment', url: attachment }] : [],
      ...(cell('reference') ? { reference: cell('reference') } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = ({ domains: 'domains', profiles: 'profiles', paymentAccounts: 'payment_account', attachments: 'attachment_url' } as Record<string, string>)[String(issue.path[0])] ?? String(issue.path[0] ?? 'summary');
        (fields[`rows.${row.line}.${column}`] ??= []).push(issue.message);
      }
    } else out.push({ line: row.line, submission: parsed.data });
  }
  if (Object.keys(fields).length) refuse(`the CSV (nothing was stored; rows are numbered by their line in the file)`, fields);
  return out;
}
