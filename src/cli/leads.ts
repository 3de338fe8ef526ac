/**
 * `takedown leads ...`: leads through the API (src/api/routes/leads.ts). Partners submit and follow their own;
 * agents, coordinators and supervisors list, triage, turn a lead into a new case or add it to an open one, and close it.
 */
import fs from 'node:fs';
import type { Finding } from '../../domain/leads';
import type { Lead } from '../api/leads/store';
import { apiClient, CliError } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { printJson, printTable, readAll, runCommand } from './output';

const usage = `usage: takedown leads <command>
  list [--state S[,S]] [--source banner|partner|agent] [--target T] [--json]
                             the leads you may see, newest first
  show <LEAD-n> [--json]     one lead: what it names, its state, triage findings, targets, history
  submit <lead.json|-> | --xarf <report.json|-> | --csv <leads.csv|->
                             submit a lead (the body of POST /api/leads), a XARF v4 report, or a CSV of leads
  triage <LEAD-n> [--json]   normalise what it names and check each against every active and past target
  open-case <LEAD-n> <package.json> [--target KEY]...
                             a new case from the lead's new targets (or those named); the package without targets
  add-to-case <LEAD-n> <case> [--target KEY]...
                             add the lead's new targets (or those named) to an open case
  disseminate <LEAD-n> --to EMAIL --org ORGANISATION --name PERSON [--kind field-office|agency|partner] --note N
                             pass a triaged lead on: a notice whose link records what came of it (DISSEMINATED)
  disseminations <LEAD-n> [--json]
                             to whom it went, by whom, and the outcome recorded (who, when)
  close <LEAD-n> --state DECLINED|DUPLICATE --reason R
`;

type Shown = Partial<Lead> & Pick<Lead, 'leadId' | 'state' | 'summary' | 'source' | 'receivedAt' | 'domains' | 'profiles'>;

const fileOrStdin = async (io: CliIo, name: string) => {
  if (name === '-') return readAll(io.stdin);
  if (!fs.existsSync(name)) throw new CliError(`no such file: ${name}`);
  return fs.readFileSync(name, 'utf8');
};
const json = (text: string, name: string): unknown => {
  try { return JSON.parse(text); } catch (error) { throw new CliError(`${name} is not JSON: ${(error as Error).message}`); }
};

function printFindings(io: CliIo, findings: Finding[]): void {
  if (findings.length === 0) { io.stdout.write('names no domain, profile or payment account\n'); return; }
  printTable(io, ['AS GIVEN', 'TARGET', 'FINDING', 'CASE', 'NOTE'], findings.map((f) => [f.input, f.key, f.status, f.caseId, f.note]));
}

function printLead(io: CliIo, lead: Shown): void {
  io.stdout.write(`${lead.leadId}  ${lead.state}  ${lead.source}${lead.reference ? ` (${lead.reference})` : ''}  received ${lead.receivedAt}\n${lead.summary}\n`);
  if (lead.team !== undefined || lead.history) io.stdout.write(`team: ${lead.team ?? 'unassigned'}\n`);
  for (const [label, list] of [['domains', lead.domains], ['profiles', lead.profiles]] as const) if (list.length) io.stdout.write(`${label}: ${list.join(', ')}\n`);
  if (lead.paymentAccounts?.length) io.stdout.write(`payment accounts: ${lead.paymentAccounts.map((p) => `${p.processor}: ${p.account}`).join(', ')}\n`);
  if (lead.text) io.stdout.write(`text: ${lead.text}\n`);
  if (lead.findings) { io.stdout.write('\n'); printFindings(io, lead.findings); }
  if (lead.targets?.length) { io.stdout.write('\n'); printTable(io, ['TARGET', 'CASE', 'LINKED', 'BY'], lead.targets.map((t) => [t.key, t.caseId, t.linkedAt, t.linkedBy])); }
  if (lead.history) { io.stdout.write('\n'); printTable(io, ['WHEN', 'WHO', 'CHANGE', 'WHY'], lead.history.map((h) => [h.at, `${h.actor.name} (${h.actor.role})`, h.from ? `${h.from} -> ${h.to}` : h.to, h.reason ?? h.detail])); }
}

export async function runLeads(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const { positional, options } = parseArgs(rest, ['json', 'help']);
  const bad = (why?: string) => { if (why) io.stderr.write(`takedown leads: ${why}\n`); io.stderr.write(usage); return exitCodes.usage; };
  if (!command || command === 'help' || options.help) { io.stdout.write(usage); return command ? exitCodes.ok : exitCodes.usage; }
  const id = (s: string | undefined) => encodeURIComponent(s ?? '');
  const targets = options.target;
  return runCommand(io, async () => {
    const api = apiClient();
    switch (command) {
      case 'list': {
        if (positional.length) return bad('list takes no arguments');
        const query = new URLSearchParams(Object.entries({ state: last(options, 'state'), source: last(options, 'source'), target: last(options, 'target') }).filter((e): e is [string, string] => e[1] !== undefined));
        const { leads } = await api.request<{ leads: Shown[] }>('GET', `/api/leads${query.size ? `?${query}` : ''}`);
        if (options.json) printJson(io, leads);
        else if (leads.length === 0) io.stdout.write('no leads\n');
        else printTable(io, ['LEAD', 'STATE', 'SOURCE', 'RECEIVED', 'NAMES', 'SUMMARY'], leads.map((l) => [l.leadId, l.state, l.source, l.receivedAt, [...l.domains, ...l.profiles].join(' '), l.summary]));
        return exitCodes.ok;
      }
      case 'show': {
        if (positional.length !== 1) return bad('show takes one lead ID');
        const lead = await api.request<Shown>('GET', `/api/leads/${id(positional[0])}`);
        if (options.json) printJson(io, lead); else printLead(io, lead);
        return exitCodes.ok;
      }
      case 'submit': {
        const xarf = last(options, 'xarf');
        const csv = last(options, 'csv');
        if ([xarf, csv, positional[0]].filter((x) => x !== undefined).length !== 1 || positional.length > 1) return bad('submit takes one lead file, or --xarf FILE, or --csv FILE');
        if (csv !== undefined) {
          const { leads } = await api.request<{ leads: (Shown & { line: number })[] }>('POST', '/api/leads/csv', { content: await fileOrStdin(io, csv) });
          if (options.json) printJson(io, leads); else for (const l of leads) io.stdout.write(`line ${l.line}: ${l.leadId} ${l.state}\n`);
          return exitCodes.ok;
        }
        const body = json(await fileOrStdin(io, xarf ?? positional[0]!), xarf ?? positional[0]!);
        const lead = await api.request<Shown>('POST', xarf !== undefined ? '/api/leads/xarf' : '/api/leads', body);
        if (options.json) printJson(io, lead); else io.stdout.write(`${lead.leadId} ${lead.state}: ${lead.summary}\n`);
        return exitCodes.ok;
      }
      case 'triage': {
        if (positional.length !== 1) return bad('triage takes one lead ID');
        const lead = await api.request<Lead>('POST', `/api/leads/${id(positional[0])}/triage`);
        if (options.json) printJson(io, lead);
        else { io.stdout.write(`${lead.leadId} ${lead.state}\n`); printFindings(io, lead.findings ?? []); }
        return exitCodes.ok;
      }
      case 'open-case': {
        if (positional.length !== 2) return bad('open-case takes a lead ID and a case package file');
        const pkg = json(await fileOrStdin(io, positional[1]!), positional[1]!) as Record<string, unknown>;
        const { targets: _ignored, ...body } = pkg;
        const opened = await api.request<{ caseId: string; lead: Lead }>('POST', `/api/leads/${id(positional[0])}/case`, { ...body, ...(targets ? { targets } : {}) });
        if (options.json) printJson(io, opened);
        else io.stdout.write(`case ${opened.caseId} opened from ${opened.lead.leadId} with ${opened.lead.targets.map((t) => t.key).join(', ')}; ${opened.lead.leadId} is ${opened.lead.state}\n`);
        return exitCodes.ok;
      }
      case 'add-to-case': {
        if (positional.length !== 2) return bad('add-to-case takes a lead ID and a case ID');
        const result = await api.request<{ rows: { line: number; input: string; status: string; error?: { message: string } }[]; counts: Record<string, number>; lead: Lead }>('POST', `/api/leads/${id(positional[0])}/add-to-case`, { caseId: positional[1], ...(targets ? { targets } : {}) });
        if (options.json) printJson(io, result);
        else {
          for (const r of result.rows) io.stdout.write(`${r.input}: ${r.status}${r.error ? ` (${r.error.message})` : ''}\n`);
          io.stdout.write(`${result.lead.leadId} is ${result.lead.state}\n`);
        }
        return result.counts.started ? exitCodes.ok : exitCodes.invalidInput;
      }
      case 'disseminate': {
        const [to, org, name, note] = (['to', 'org', 'name', 'note'] as const).map((o) => last(options, o));
        if (positional.length !== 1 || !to || !org || !name || !note) return bad('disseminate takes a lead ID, --to, --org, --name and --note');
        const recipient = { kind: last(options, 'kind') ?? 'field-office', organisation: org, name, email: to };
        const result = await api.request<{ dissemination: { disseminationId: string }; lead: Lead }>('POST', `/api/leads/${id(positional[0])}/disseminate`, { recipient, note });
        if (options.json) printJson(io, result); else io.stdout.write(`${result.dissemination.disseminationId}: notice to ${to} (${org}); ${result.lead.leadId} is ${result.lead.state}\n`);
        return exitCodes.ok;
      }
      case 'disseminations': {
        if (positional.length !== 1) return bad('disseminations takes a lead ID');
        type Row = { disseminationId: string; createdAt: string; recipient: { organisation: string; email: string }; sentBy: { name: string }; outcome?: { outcome: string; by: { name: string }; at: string } };
        const result = await api.request<{ disseminations: Row[] }>('GET', `/api/leads/${id(positional[0])}/disseminations`);
        if (options.json) printJson(io, result);
        else printTable(io, ['ID', 'SENT', 'TO', 'BY', 'OUTCOME', 'RECORDED BY', 'AT'], result.disseminations.map((d) => [d.disseminationId, d.createdAt, `${d.recipient.organisation} <${d.recipient.email}>`, d.sentBy.name, d.outcome?.outcome ?? 'none yet', d.outcome?.by.name, d.outcome?.at]));
        return exitCodes.ok;
      }
      case 'close': {
        const state = last(options, 'state');
        const reason = last(options, 'reason');
        if (positional.length !== 1 || !state || !reason) return bad('close takes a lead ID, --state and --reason');
        const lead = await api.request<Lead>('POST', `/api/leads/${id(positional[0])}/state`, { state: state.toUpperCase(), reason });
        if (options.json) printJson(io, lead); else io.stdout.write(`${lead.leadId} is ${lead.state}\n`);
        return exitCodes.ok;
      }
      default:
        return bad(`unknown command "${command}"`);
    }
  });
}
