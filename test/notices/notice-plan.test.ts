import { maxTargetsPerCase } from '../../domain/case-package';
import { coveringOrders, maxTargetsPerNotice, planWarrantNotices } from '../../domain/notice-plan';
import { targetFacts, type WarrantNoticeInput } from '../../domain/notice-request';
import { planPaymentNotices } from '../../domain/payment-plan';
import { planRegistryReleases } from '../../domain/release-plan';
import { registryContactsFileSchema, registryFor } from '../../domain/registries';
import { escalationRequests, renoticeRequest } from '../../workflows/notice/follow-up';
import { directory, domainTarget, pkgFor, profileTarget, warrantRecord } from './fixtures';

const settings = { registrarAckWithin: '24h', registryExecutionWithin: '72h' } as const;
const createdAt = '2026-11-21T09:00:00.000Z';

/** Three .com and one .org: two registrars, one of them holding names in both registries. */
function fourDomainCase(sealed = false): WarrantNoticeInput {
  const targets = [domainTarget('luxury-outlet.com', 'example'), domainTarget('cheap-watches.com', 'example'), domainTarget('replica-bags.com', 'other'), domainTarget('designer-deals.org', 'example')];
  const pkg = pkgFor(targets.map((t) => t.key));
  return { caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key), { sealed }), targets, directory, settings, createdAt };
}

test('a warrant covering three .com and one .org names gives one order per registry, listing its domains', () => {
  const input = fourDomainCase();
  const plan = planWarrantNotices(input);
  const orders = plan.notices.filter((n) => n.request.kind === 'registry-order');
  expect(orders.map((o) => o.request.to)).toEqual([['law-enforcement@verisign-registry.example'], ['legal@pir-registry.example']]);
  expect(orders[0]!.request.covers).toEqual(['luxury-outlet.com', 'cheap-watches.com', 'replica-bags.com']);
  expect(orders[1]!.request.covers).toEqual(['designer-deals.org']);
  expect(orders.map((o) => o.request.noticeId)).toEqual([`${input.pkg.caseId}/w1/registry-verisign`, `${input.pkg.caseId}/w1/registry-pir`]);
  const context = orders[0]!.request.context as unknown as { seizure: { nameservers: string[]; statuses: string[] }; warrant: { docket: string; documentRef: string }; executeWithinHours: number };
  expect(context.seizure).toEqual({ nameservers: ['ns1.seizedservers.example', 'ns2.seizedservers.example'], statuses: ['serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited'] });
  expect(context.warrant).toMatchObject({ docket: '26-MJ-04417', documentRef: 'SDNY-26-MJ-04417-signed.pdf' });
  expect(context.executeWithinHours).toBe(72);
  // Each domain knows the order that covered it (for its timeline).
  expect(coveringOrders(plan)).toEqual({
    'luxury-outlet.com': `${input.pkg.caseId}/w1/registry-verisign`, 'cheap-watches.com': `${input.pkg.caseId}/w1/registry-verisign`,
    'replica-bags.com': `${input.pkg.caseId}/w1/registry-verisign`, 'designer-deals.org': `${input.pkg.caseId}/w1/registry-pir`,
  });
  // Registry orders are served first, then the registrar notices; nothing is left unaddressed.
  expect(plan.notices.map((n) => n.request.kind)).toEqual(['registry-order', 'registry-order', 'registrar-notice', 'registrar-notice']);
  expect(plan.unaddressed).toEqual([]);
});

test('registrars get one notice per warrant covering their domains, with a 24-hour clock and a ladder through the registries', () => {
  const input = fourDomainCase();
  const notices = planWarrantNotices(input).notices.filter((n) => n.request.kind === 'registrar-notice');
  expect(notices.map((n) => [n.request.to, n.request.covers])).toEqual([
    [['abuse@example-registrar.example'], ['luxury-outlet.com', 'cheap-watches.com', 'designer-deals.org']],
    [['abuse@othernames.example'], ['replica-bags.com']],
  ]);
  expect(notices[0]!.request.noticeId).toBe(`${input.pkg.caseId}/w1/registrar-9991`);
  expect(notices[0]!.followUp).toMatchObject({ requires: 'received', ackWithin: '24h' });
  // Registrar → the registry of each of its domains → the coordinator.
  expect(notices[0]!.followUp.ladder.map((l) => l.level)).toEqual(['registry', 'coordinator']);
  expect(notices[0]!.followUp.ladder[0]!.parties.map((p) => [p.to, p.covers, p.registryOrderId])).toEqual([
    [['law-enforcement@verisign-registry.example'], ['luxury-outlet.com', 'cheap-watches.com'], `${input.pkg.caseId}/w1/registry-verisign`],
    [['legal@pir-registry.example'], ['designer-deals.org'], `${input.pkg.caseId}/w1/registry-pir`],
  ]);
  expect(notices[0]!.request.xarf).toMatchObject({ action: 'registrar_notice', sealed: false, warrant: { docket: '26-MJ-04417' } });
});

test('a large warrant is split into notices of at most maxTargetsPerNotice targets, each its own ID, every target in exactly one; the ladder follows the parts', () => {
  const small = fourDomainCase();
  // The product's limit is maxTargetsPerNotice; here 25, so a case the package schema allows shows every split:
  // 60 names at one registrar (two of them .org) and 2 at another.
  const perNotice = 25;
  expect(maxTargetsPerNotice).toBeLessThan(maxTargetsPerCase);
  const targets = Array.from({ length: 62 }, (_, i) => domainTarget(`shop-${i}.${i % 31 === 0 ? 'org' : 'com'}`, i < 60 ? 'example' : 'other'));
  const pkg = pkgFor(targets.map((t) => t.key));
  const input: WarrantNoticeInput = { ...small, caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key)), targets, maxTargetsPerNotice: perNotice };
  const plan = planWarrantNotices(input);
  const byKind = (kind: string) => plan.notices.filter((n) => n.request.kind === kind).map((n) => n.request);
  const orders = byKind('registry-order');
  const comNames = targets.filter((t) => t.key.endsWith('.com')).length;
  // In the order the registries first appear (shop-0 is a .org name).
  expect(orders.map((o) => [o.noticeId, o.covers.length])).toEqual([
    [`${pkg.caseId}/w1/registry-pir`, 62 - comNames],
    [`${pkg.caseId}/w1/registry-verisign-part-1-of-3`, 25], [`${pkg.caseId}/w1/registry-verisign-part-2-of-3`, 25], [`${pkg.caseId}/w1/registry-verisign-part-3-of-3`, comNames - 50],
  ]);
  for (const kind of ['registry-order', 'registrar-notice']) {
    const covered = byKind(kind).flatMap((r) => r.covers);
    expect(covered.sort()).toEqual(targets.map((t) => t.key).sort());
    for (const r of byKind(kind)) {
      expect(r.covers.length).toBeLessThanOrEqual(perNotice);
      // Each part carries the facts of its own targets only (what its mail lists and its XARF reports).
      expect((r.context as unknown as { domains: unknown[] }).domains).toHaveLength(r.covers.length);
      expect(r.xarf!.subjects.map((x) => x.key)).toEqual(r.covers);
    }
  }
  expect(byKind('registrar-notice').map((r) => r.noticeId)).toEqual([
    `${pkg.caseId}/w1/registrar-9991-part-1-of-3`, `${pkg.caseId}/w1/registrar-9991-part-2-of-3`, `${pkg.caseId}/w1/registrar-9991-part-3-of-3`, `${pkg.caseId}/w1/registrar-9992`,
  ]);
  // An unanswered registrar part escalates to the registry orders (or their parts) that cover its domains, for those domains.
  // The middle part's domains span two parts of the .com order (and the .org order).
  const middle = plan.notices.find((n) => n.request.noticeId.endsWith('registrar-9991-part-2-of-3'))!;
  const parties = middle.followUp.ladder[0]!.parties;
  expect(parties.map((p) => p.registryOrderId)).toEqual([`${pkg.caseId}/w1/registry-pir`, `${pkg.caseId}/w1/registry-verisign-part-1-of-3`, `${pkg.caseId}/w1/registry-verisign-part-2-of-3`]);
  expect(parties.flatMap((p) => p.covers).sort()).toEqual([...middle.request.covers].sort());
  for (const party of parties) {
    const order = orders.find((o) => o.noticeId === party.registryOrderId)!;
    expect(party.covers.every((key) => order.covers.includes(key))).toBe(true);
  }
  // Its escalations (one per registry part) are distinct notices, each for its own domains.
  const escalations = escalationRequests(middle.request, middle.followUp.ladder[0]!, 'no answer in 24 hours', createdAt, createdAt);
  expect(new Set(escalations.map((e) => e.noticeId)).size).toBe(parties.length);
  expect(escalations.flatMap((e) => e.covers).sort()).toEqual([...middle.request.covers].sort());
  expect(new Set(Object.values(coveringOrders(plan)))).toEqual(new Set(orders.map((o) => o.noticeId)));
  // Without the limit (a case that planned before it), one notice per group as before.
  expect(planWarrantNotices({ ...input, maxTargetsPerNotice: undefined }).notices.filter((n) => n.request.kind === 'registry-order')).toHaveLength(2);
});

test('a sealed warrant gives the registrar a courtesy notice only, with no warrant details in it or its XARF facts', () => {
  const plan = planWarrantNotices(fourDomainCase(true));
  const registrar = plan.notices.filter((n) => n.request.kind.startsWith('registrar'));
  expect(registrar.map((n) => n.request.template)).toEqual(['registrar-courtesy', 'registrar-courtesy']);
  expect(JSON.stringify(registrar[0]!.request.context)).not.toContain('26-MJ-04417');
  expect(registrar[0]!.request.xarf).toMatchObject({ action: 'registrar_courtesy', sealed: true, nonDisclosure: true });
  expect(registrar[0]!.request.xarf!.warrant).toBeUndefined();
  // The registry still receives the full warrant: it executes it.
  const order = plan.notices.find((n) => n.request.kind === 'registry-order')!;
  expect(order.request.xarf!.warrant).toMatchObject({ docket: '26-MJ-04417' });
});

test('what the plan cannot address comes back with the reason, never dropped', () => {
  const targets = [domainTarget('no-abuse.com', 'silent'), domainTarget('no-lookup.com', 'not-looked-up'), domainTarget('shop.example-unknown-tld.zz', 'example'), domainTarget('luxury-outlet.com', 'example')];
  const pkg = pkgFor(targets.map((t) => t.key));
  const plan = planWarrantNotices({ caseWorkflowId: 'case:x', pkg, warrant: warrantRecord([...targets.map((t) => t.key), 'not-a-target.com']), targets, directory, settings, createdAt });
  expect(plan.unaddressed.map((u) => [u.key, u.code])).toEqual([
    ['not-a-target.com', 'NOT_IN_CASE'],
    ['shop.example-unknown-tld.zz', 'NO_REGISTRY_CONTACT'],
    ['no-abuse.com', 'NO_ABUSE_CONTACT'],
    ['no-lookup.com', 'NO_REGISTRATION'],
  ]);
  expect(plan.unaddressed.find((u) => u.code === 'NO_ABUSE_CONTACT')!.reason).toContain('Silent Registrar Ltd');
  // The registry order still covers the names whose registrar cannot be reached.
  expect(plan.notices.find((n) => n.request.kind === 'registry-order')!.request.covers).toEqual(['no-abuse.com', 'no-lookup.com', 'luxury-outlet.com']);
});

test('profiles: an e-mail platform gets one request per warrant; portal-only platforms become tasks for the agent', () => {
  const targets = [profileTarget('marketplace', 'replica-king'), profileTarget('marketplace', 'bags4less'), profileTarget('x', 'lux_replicas', '1234567890')];
  const pkg = pkgFor(targets.map((t) => t.key), { requestedActions: ['takedown', 'preservation'], nonDisclosure: true });
  const plan = planWarrantNotices({ caseWorkflowId: 'case:p', pkg, warrant: warrantRecord(targets.map((t) => t.key)), targets, directory, settings, createdAt });
  expect(plan.notices.map((n) => [n.request.kind, n.request.to, n.request.covers])).toEqual([['platform-request', ['law-enforcement@marketplace.example'], ['marketplace:replica-king', 'marketplace:bags4less']]]);
  expect(plan.notices[0]!.request.context).toMatchObject({ preservation: { requested: true, statute: '18 U.S.C. § 2703(f)', days: 90 }, nonDisclosure: true, platform: { legalEntity: 'Example Marketplace, Inc.' } });
  expect(plan.portalTasks).toEqual([expect.objectContaining({ platform: 'X', portalUrl: 'https://legalrequests.x.com', covers: ['x:lux_replicas'] })]);
  expect(plan.portalTasks[0]!.context.profiles).toEqual([{ handle: 'lux_replicas', url: 'https://www.x.com/lux_replicas', permanentId: '1234567890' }]);
});

test('release orders restore the pre-seizure name servers, one per registry; payment notices go to the processor', () => {
  const input = fourDomainCase();
  const release = planRegistryReleases({ ...input, facts: targetFacts(input.pkg), targets: input.targets.slice(0, 2), reason: 'the case was withdrawn by the agent', authorizedBy: { name: 'AUSA Grace Okafor', role: 'counsel' }, releaseId: '1' });
  expect(release.notices).toHaveLength(1);
  expect(release.notices[0]!.request).toMatchObject({ kind: 'registry-release', noticeId: `${input.pkg.caseId}/w1/release-1-verisign`, covers: ['luxury-outlet.com', 'cheap-watches.com'] });
  expect((release.notices[0]!.request.context as unknown as { domains: { restoreNameservers: string[] }[] }).domains[0]!.restoreNameservers).toEqual(['ns1.example-dns.example', 'ns2.example-dns.example']);
  const payment = planPaymentNotices({ ...input, merchants: [{ processorId: 'visa', target: 'luxury-outlet.com', merchantId: 'MID-4471' }, { processorId: 'nobody', target: 'cheap-watches.com' }] });
  expect(payment.notices.map((n) => [n.request.to, n.request.covers])).toEqual([[['ip-enforcement@visa-processor.example'], ['luxury-outlet.com']]]);
  expect(payment.unaddressed).toEqual([{ key: 'cheap-watches.com', notice: 'payment-notice', code: 'NO_PAYMENT_CONTACT', reason: 'no contact is configured for payment processor "nobody" (TAKEDOWN_PLATFORM_CONTACTS)' }]);
});

test('the undercover purchases name who took the payments: one notice per processor for the targets the warrant covers, after the seizure notices', () => {
  const base = fourDomainCase();
  const purchase = (target: string, payment?: { processor: string; merchantId?: string; descriptor?: string }) => ({ date: '2026-10-02', orderReference: `ORD-${target}`, item: 'handbag', target, ...(payment ? { payment } : {}) });
  const pkg = pkgFor(base.targets.map((t) => t.key), {
    caseId: base.pkg.caseId,
    evidence: {
      summary: 'Undercover purchases of counterfeit handbags, confirmed by the rights holder.',
      undercoverPurchases: [
        purchase('https://Luxury-Outlet.com/checkout', { processor: 'visa', merchantId: 'MID-4471', descriptor: 'LUXOUTLET*ORDER' }),
        purchase('luxury-outlet.com', { processor: 'visa', merchantId: 'MID-4471', descriptor: 'LUXOUTLET*ORDER' }), // the same account twice
        purchase('cheap-watches.com', { processor: 'visa', merchantId: 'MID-9902' }),
        purchase('replica-bags.com', { processor: 'acme-pay' }),
        purchase('designer-deals.org'), // paid in cash on delivery: nobody to tell
      ],
    },
  });
  const plan = planWarrantNotices({ ...base, pkg, warrant: warrantRecord(['luxury-outlet.com', 'replica-bags.com', 'designer-deals.org']) });
  expect(plan.notices.map((n) => n.request.kind)).toEqual(['registry-order', 'registry-order', 'registrar-notice', 'registrar-notice', 'payment-notice']);
  const payment = plan.notices.at(-1)!;
  // cheap-watches.com is not under this warrant, so its merchant account waits for the warrant that covers it.
  expect(payment.request).toMatchObject({ noticeId: `${pkg.caseId}/w1/payment-visa`, to: ['ip-enforcement@visa-processor.example'], covers: ['luxury-outlet.com'] });
  expect((payment.request.context as unknown as { merchants: unknown[] }).merchants).toEqual([{ target: 'luxury-outlet.com', merchantId: 'MID-4471', descriptor: 'LUXOUTLET*ORDER' }]);
  expect(payment.followUp).toMatchObject({ requires: 'received', ladder: [{ level: 'coordinator' }] });
  expect(plan.unaddressed).toEqual([{ key: 'replica-bags.com', notice: 'payment-notice', code: 'NO_PAYMENT_CONTACT', reason: 'no contact is configured for payment processor "acme-pay" (TAKEDOWN_PLATFORM_CONTACTS)' }]);
});

test('the follow-up notices: a reminder under <id>/renotice-1 with the same content, escalations per rung', () => {
  const plan = planWarrantNotices(fourDomainCase());
  const registrar = plan.notices.find((n) => n.request.kind === 'registrar-notice')!;
  const reminder = renoticeRequest(registrar.request, 1, '2026-11-21T09:00:05.000Z', '2026-11-22T09:00:05.000Z');
  expect(reminder).toMatchObject({ noticeId: `${registrar.request.noticeId}/renotice-1`, follows: registrar.request.noticeId, to: registrar.request.to, covers: registrar.request.covers });
  expect(reminder.context).toMatchObject({ ...registrar.request.context, reminder: { originalNoticeId: registrar.request.noticeId, originalSentOn: '2026-11-21', number: 1 } });
  const toRegistries = escalationRequests(registrar.request, registrar.followUp.ladder[0]!, 'no answer within 24h', '2026-11-21T09:00:05.000Z', '2026-11-23T09:00:00.000Z');
  expect(toRegistries.map((r) => [r.template, r.to, r.covers])).toEqual([
    ['registry-escalation', ['law-enforcement@verisign-registry.example'], ['luxury-outlet.com', 'cheap-watches.com']],
    ['registry-escalation', ['legal@pir-registry.example'], ['designer-deals.org']],
  ]);
  const toCoordinator = escalationRequests(registrar.request, registrar.followUp.ladder[1]!, 'no answer', '2026-11-21T09:00:05.000Z', '2026-11-24T09:00:00.000Z');
  expect(toCoordinator).toEqual([expect.objectContaining({ template: 'escalation', to: ['role:coordinator'], noticeId: `${registrar.request.noticeId}/escalation-coordinator` })]);
});

test('registry contacts: zones match label-wise, longest first; a zone listed twice is refused', () => {
  expect(registryFor(directory.registries, 'shop.example.co.uk')?.id).toBe('nominet');
  expect(registryFor(directory.registries, 'luxury-outlet.com')?.id).toBe('verisign');
  expect(registryFor(directory.registries, 'example.notaregistry')).toBeUndefined();
  const twice = registryContactsFileSchema.safeParse({ registries: [
    { id: 'a', name: 'A registry', legalEntity: 'A Inc.', zones: ['com'], email: 'a@a.example' },
    { id: 'b', name: 'B registry', legalEntity: 'B Inc.', zones: ['com'], email: 'b@b.example' },
  ] });
  expect(twice.success).toBe(false);
  expect(JSON.stringify(twice.error?.issues)).toContain('zone \\"com\\" is listed for both a and b');
});

test('jurisdiction: a .uk domain gets a partner-agency request (PIPCU) and no US order or registrar notice; the .com beside it is served as before', () => {
  const targets = [domainTarget('luxury-outlet.com', 'example'), domainTarget('replica-watches.co.uk', 'example')];
  const pkg = pkgFor(targets.map((t) => t.key));
  const plan = planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key)), targets, directory, settings, createdAt });
  expect(plan.notices.map((n) => [n.request.kind, n.request.to, n.request.covers])).toEqual([
    ['registry-order', ['law-enforcement@verisign-registry.example'], ['luxury-outlet.com']],
    ['partner-request', ['pipcu-requests@cityoflondon-police.example'], ['replica-watches.co.uk']],
    ['registrar-notice', ['abuse@example-registrar.example'], ['luxury-outlet.com']],
  ]);
  const partner = plan.notices.find((n) => n.request.kind === 'partner-request')!;
  expect(partner.request.noticeId).toBe(`${pkg.caseId}/w1/partner-pipcu-nominet`);
  expect(partner.request.context).toMatchObject({ partner: { legalEntity: 'City of London Police' }, registry: { name: 'Nominet UK', jurisdiction: 'GB' }, answerWithinHours: 336 });
  // The partner confirms the registry acted ("actioned"); unanswered, the coordinator is told.
  expect(partner.followUp).toMatchObject({ requires: 'actioned', ackWithin: '336h' });
  expect(partner.followUp.ladder.map((l) => l.level)).toEqual(['coordinator']);
  expect(partner.request.xarf).toMatchObject({ action: 'partner_request', warrant: { docket: '26-MJ-04417' } });
  expect(plan.unaddressed).toEqual([]);
  // Without the partner agency configured the .uk domain is not served anything, and says why.
  const bare = planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key)), targets, directory: { ...directory, partners: [] }, settings, createdAt });
  expect(bare.notices.flatMap((n) => n.request.covers)).not.toContain('replica-watches.co.uk');
  expect(bare.unaddressed).toEqual([{ key: 'replica-watches.co.uk', notice: 'partner-request', code: 'NO_PARTNER_CONTACT', reason: expect.stringContaining('Nominet UK is under GB jurisdiction') }]);
});

test('registry contacts: a registry abroad must name a partner agency that is listed', () => {
  const registry = { id: 'denic', name: 'DENIC eG', legalEntity: 'DENIC eG', zones: ['de'], email: 'legal@denic.example', jurisdiction: 'DE' };
  const partner = { id: 'europol-ipc3', name: 'Europol IPC3', legalEntity: 'Europol', email: 'ipc3@europol.example' };
  expect(registryContactsFileSchema.safeParse({ registries: [registry] }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['registries.0.partner', 'denic is under DE jurisdiction: name the partner agency that reaches it (an id from "partners")']]);
  expect(registryContactsFileSchema.safeParse({ registries: [{ ...registry, partner: 'pipcu' }], partners: [partner] }).error?.issues[0]?.message).toBe('partner "pipcu" is not in "partners" (europol-ipc3)');
  expect(registryContactsFileSchema.safeParse({ registries: [{ ...registry, partner: 'europol-ipc3' }], partners: [partner] }).success).toBe(true);
  expect(registryContactsFileSchema.safeParse({ registries: [{ ...registry, jurisdiction: 'de' }] }).error?.issues[0]?.message).toContain('ISO 3166-1 alpha-2');
});
