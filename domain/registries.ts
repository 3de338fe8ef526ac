import { z } from 'zod';
import { platforms } from './targets/types';

/**
 * Who receives legal process outside the registrar's RAA §3.18 abuse contact: registries (which execute
 * seizures), platforms (profile takedowns) and payment processors (cutting the proceeds). The data comes
 * from configuration files (config/registries.json, config/platforms.json), validated at worker start and
 * handed to workflows by the `noticeDirectory` activity, because workflow code cannot read files.
 */
const zoneSchema = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, { error: 'a zone in lower-case ASCII without dots at the ends, e.g. "com" or "co.uk"' });
const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, { error: 'an id of lower-case letters, digits and dashes' });

export const registryContactSchema = z.object({
  id: idSchema,
  /** Operator name as people say it, e.g. "VeriSign Global Registry Services". */
  name: z.string().min(2),
  /** The legal entity the order is addressed to, e.g. "VeriSign, Inc.". */
  legalEntity: z.string().min(2),
  /** Top-level zones it operates (ASCII), matched label-wise longest first. */
  zones: z.array(zoneSchema).min(1),
  /** Where seizure orders go (the registry's law-enforcement or legal desk). */
  email: z.email(),
  phone: z.string().min(5).optional(),
  postalAddress: z.string().min(5).optional(),
  /** Overrides the case's registry execution deadline for this registry, in hours. */
  executeWithinHours: z.number().int().positive().optional(),
  /**
   * The country whose courts bind the registry (ISO 3166-1 alpha-2); unset means the United States. A US
   * warrant is served on a US registry directly; one abroad is reached through `partner`.
   */
  jurisdiction: z.string().regex(/^[A-Z]{2}$/, { error: 'an ISO 3166-1 alpha-2 country code in capitals, e.g. "US" or "GB"' }).optional(),
  /** The partner agency (an id from `partners`) that asks a registry abroad to act: required when it is not under US jurisdiction. */
  partner: idSchema.optional(),
});
export type RegistryContact = z.infer<typeof registryContactSchema>;

/**
 * An agency abroad that acts on our request where a US warrant does not reach: Europol's IPC3 for joint In Our
 * Sites operations, the City of London Police's PIPCU for .uk, or the office handling a mutual legal assistance
 * request. It gets a partner-agency request (templates/partner-request.*) and confirms what was done.
 */
export const partnerAgencySchema = z.object({
  id: idSchema,
  name: z.string().min(2),
  legalEntity: z.string().min(2),
  email: z.email(),
  /** How long the partner usually takes to confirm the seizure abroad (its request's deadline), in hours. */
  answerWithinHours: z.number().int().positive().default(336),
});
export type PartnerAgency = z.infer<typeof partnerAgencySchema>;

/** Whether a US warrant binds this registry itself (served directly) or it must be asked through a partner agency. */
export const isForeignRegistry = (registry: Pick<RegistryContact, 'jurisdiction'>) => (registry.jurisdiction ?? 'US') !== 'US';

export const registryContactsFileSchema = z
  .object({ registries: z.array(registryContactSchema).min(1), partners: z.array(partnerAgencySchema).default([]) })
  .superRefine((file, ctx) => {
    const partnerIds = new Set(file.partners.map((p) => p.id));
    if (partnerIds.size !== file.partners.length) ctx.addIssue({ code: 'custom', path: ['partners'], message: 'a partner id is listed twice' });
    file.registries.forEach((registry, index) => {
      if (!isForeignRegistry(registry)) return;
      if (!registry.partner) ctx.addIssue({ code: 'custom', path: ['registries', index, 'partner'], message: `${registry.id} is under ${registry.jurisdiction} jurisdiction: name the partner agency that reaches it (an id from "partners")` });
      else if (!partnerIds.has(registry.partner)) ctx.addIssue({ code: 'custom', path: ['registries', index, 'partner'], message: `partner "${registry.partner}" is not in "partners" (${[...partnerIds].join(', ') || 'none listed'})` });
    });
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    file.registries.forEach((registry, index) => {
      for (const zone of registry.zones) {
        const other = seen.get(zone);
        if (other) ctx.addIssue({ code: 'custom', path: ['registries', index, 'zones'], message: `zone "${zone}" is listed for both ${other} and ${registry.id}` });
        seen.set(zone, registry.id);
      }
    });
  });

/** How a platform takes legal process: by e-mail, or only through its own portal (the agent submits there). */
export const platformContactSchema = z.object({
  platform: z.enum(platforms),
  name: z.string().min(1),
  /** The legal entity named in the request (TikTok, for one, depends on the user's region). */
  legalEntity: z.string().min(2),
  channel: z.enum(['email', 'portal']),
  email: z.email().optional(),
  portalUrl: z.httpUrl().optional(),
  /** Whether the platform accepts a preservation request (18 U.S.C. § 2703(f)) with the takedown. */
  acceptsPreservation: z.boolean().default(true),
  notes: z.string().optional(),
  /** Overrides how a removed profile looks (domain/platform-rules.ts) when the platform changes its pages. */
  removal: z.object({ statuses: z.array(z.number().int().min(100).max(599)).optional(), markers: z.array(z.string().min(3)).optional() }).optional(),
}).refine((p) => (p.channel === 'email' ? p.email !== undefined : p.portalUrl !== undefined), {
  error: 'an e-mail channel needs "email"; a portal channel needs "portalUrl"',
});
export type PlatformContact = z.infer<typeof platformContactSchema>;

export const paymentProcessorContactSchema = z.object({
  id: idSchema,
  name: z.string().min(2),
  legalEntity: z.string().min(2),
  email: z.email(),
  phone: z.string().min(5).optional(),
});
export type PaymentProcessorContact = z.infer<typeof paymentProcessorContactSchema>;

export const platformContactsFileSchema = z.object({
  platforms: z.array(platformContactSchema).default([]),
  paymentProcessors: z.array(paymentProcessorContactSchema).default([]),
});

/** Everything the planner needs to address notices, as one activity result (recorded in history). */
export interface NoticeDirectory {
  registries: RegistryContact[];
  /** Partner agencies for registries abroad; absent from directories recorded before them. */
  partners?: PartnerAgency[];
  platforms: PlatformContact[];
  paymentProcessors: PaymentProcessorContact[];
  /** The government's seizure name servers, stated in every registry order. */
  seizureNameservers: string[];
}

/** The registry operating a domain's zone: the longest listed zone that ends the domain, label-wise. */
export function registryFor(registries: readonly RegistryContact[], domain: string): RegistryContact | undefined {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  for (let start = 1; start < labels.length; start++) {
    const zone = labels.slice(start).join('.');
    const hit = registries.find((r) => r.zones.includes(zone));
    if (hit) return hit;
  }
  return undefined;
}
