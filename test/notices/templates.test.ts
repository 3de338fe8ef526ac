import { ApplicationFailure } from '@temporalio/common';
import { templateNames, type NoticeContext, type TemplateName } from '../../domain/notice-contexts';
import { templates } from './fixtures';
import { realisticContexts, requiredFieldOf } from './template-contexts';

const without = (value: unknown, path: string): unknown => {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  delete parent[keys.at(-1)!];
  return copy;
};

test.each(templateNames)('%s renders a subject, HTML and text from realistic data', (name) => {
  const rendered = templates.render(name, realisticContexts[name] as NoticeContext<TemplateName>);
  expect(rendered.subject.length).toBeGreaterThan(20);
  expect(rendered.subject).not.toMatch(/\n/);
  expect(rendered.html).toMatch(/^<!doctype html>/);
  expect(rendered.html).toContain('</html>');
  expect(rendered.text.length).toBeGreaterThan(200);
  // Text parts are not HTML: an ampersand or apostrophe stays as written.
  expect(rendered.text).not.toMatch(/&amp;|&#x27;|&lt;/);
  expect(rendered.text).toContain('HSI-NY-2026-');
});

test.each(templateNames)('%s refuses a context missing a required field and names the field', (name) => {
  const field = requiredFieldOf[name];
  let thrown: unknown;
  try { templates.render(name, without(realisticContexts[name], field) as NoticeContext<TemplateName>); } catch (error) { thrown = error; }
  expect(thrown).toBeInstanceOf(ApplicationFailure);
  expect(thrown).toMatchObject({ type: 'TEMPLATE_CONTEXT_INVALID', nonRetryable: true, details: [{ template: name, fields: [field] }] });
  expect((thrown as Error).message).toContain(field);
});

test('external notices refuse a context without the signed acknowledgement link', () => {
  expect(() => templates.render('registry-order', without(realisticContexts['registry-order'], 'delivery.ackUrl') as NoticeContext<'registry-order'>)).toThrow(/delivery\.ackUrl/);
});

test('the registry order carries the warrant, the seizure name servers and the three registry-lock statuses', () => {
  const { subject, html, text } = templates.render('registry-order', realisticContexts['registry-order']);
  expect(subject).toBe(`Seizure warrant 26-MJ-04417: seize 2 domain name(s) at the registry, case ${realisticContexts['registry-order'].case.caseId}`);
  for (const part of [html, text]) {
    for (const fact of ['U.S. District Court for the Southern District of New York', 'Hon. Miriam Castell, U.S. Magistrate Judge', '26-MJ-04417', '2026-11-20', '18 U.S.C. § 981, 18 U.S.C. § 2323', 'SDNY-26-MJ-04417-signed.pdf']) expect(part).toContain(fact);
    for (const ns of ['ns1.seizedservers.example', 'ns2.seizedservers.example']) expect(part).toContain(ns);
    for (const status of ['serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited']) expect(part).toContain(status);
    expect(part).toContain('luxury-outlet.com');
    expect(part).toContain('lüxury-bags.com');
    expect(part).toContain('VeriSign, Inc.');
    expect(part).toMatch(/within 72 hours/i);
    expect(part).toContain(realisticContexts['registry-order'].delivery.ackUrl);
  }
  expect(text).toContain('ns1.example-dns.example, ns2.example-dns.example');
});

test('a sealed warrant: the courtesy notice names no court, judge or docket and says why', () => {
  const { subject, html, text } = templates.render('registrar-courtesy', realisticContexts['registrar-courtesy']);
  expect(subject).toMatch(/^Courtesy notice: 2 domain name\(s\) seized under a sealed court order/);
  for (const part of [html, text]) {
    expect(part).not.toContain('26-MJ-04417');
    expect(part).not.toContain('Castell');
    expect(part).not.toContain('Southern District');
    expect(part).toMatch(/warrant is sealed/i);
    expect(part).toContain('within 24 hours');
  }
});

test('a reminder says so in the subject and the body, and repeats the notice unchanged', () => {
  const context = { ...realisticContexts['registrar-notice'], reminder: { originalNoticeId: 'HSI-NY-2026-0142/w1/registrar-9991', originalSentOn: '2026-11-21', number: 1 } };
  const first = templates.render('registrar-notice', realisticContexts['registrar-notice']);
  const again = templates.render('registrar-notice', context);
  expect(again.subject).toBe(`REMINDER: ${first.subject}`);
  expect(again.text).toContain('REMINDER 1: we sent this notice on 2026-11-21 (reference HSI-NY-2026-0142/w1/registrar-9991)');
  expect(again.text.endsWith(first.text)).toBe(true);
});

test('the platform request names the legal entity, handles and permanent IDs, preservation and non-disclosure', () => {
  const { text } = templates.render('platform-request', { ...realisticContexts['platform-request'], nonDisclosure: true });
  expect(text).toContain('To Example Marketplace, Inc. (Online marketplace)');
  expect(text).toContain('replica-king (permanent ID: 88412)');
  expect(text).toContain('PRESERVATION REQUEST UNDER 18 U.S.C. § 2703(f)');
  expect(text).toContain('DO NOT NOTIFY THE ACCOUNT HOLDERS');
});

test('internal notices link into the application and carry no acknowledgement link', () => {
  const reminder = templates.render('counsel-reminder', realisticContexts['counsel-reminder']);
  expect(reminder.text).toContain(`http://127.0.0.1:8080/cases/${realisticContexts['counsel-reminder'].case.caseId}/review`);
  expect(reminder.text).not.toContain('/ack/');
  const escalation = templates.render('escalation', realisticContexts.escalation);
  expect(escalation.subject).toMatch(/^Escalation to the supervisor: legal review round 2 is undecided/);
  expect(escalation.text).toContain("Counterfeit handbags: O'Neill & Sons replicas");
  expect(escalation.html).toContain('O&#x27;Neill &amp; Sons');
});
