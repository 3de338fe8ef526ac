import { z } from 'zod';
import { abuseContact } from './abuse-contact';
import { toEppStatuses } from './epp-status';

/**
 * RDAP domain responses (RFC 9083) read tolerantly: unknown members pass through, every member we use
 * is optional, but a member that is present must have the right shape, or the answer is BAD_RESPONSE.
 */
const vcardSchema = z.tuple([z.literal('vcard'), z.array(z.array(z.unknown()))]).rest(z.unknown());
const linkSchema = z.looseObject({ rel: z.string().optional(), href: z.string(), type: z.string().optional() });
const eventSchema = z.looseObject({ eventAction: z.string(), eventDate: z.string().optional() });

export interface RdapEntity {
  roles?: string[];
  handle?: string;
  vcardArray?: z.infer<typeof vcardSchema>;
  publicIds?: Array<{ type: string; identifier: string }>;
  links?: Array<z.infer<typeof linkSchema>>;
  entities?: RdapEntity[];
}
const entitySchema: z.ZodType<RdapEntity> = z.looseObject({
  roles: z.array(z.string()).optional(),
  handle: z.string().optional(),
  vcardArray: vcardSchema.optional(),
  publicIds: z.array(z.looseObject({ type: z.string(), identifier: z.string() })).optional(),
  links: z.array(linkSchema).optional(),
  get entities() {
    return z.array(entitySchema).optional();
  },
});

export const rdapDomainSchema = z.looseObject({
  objectClassName: z.literal('domain').optional(),
  ldhName: z.string().optional(),
  unicodeName: z.string().optional(),
  port43: z.string().optional(),
  status: z.array(z.string()).optional(),
  entities: z.array(entitySchema).optional(),
  nameservers: z.array(z.looseObject({ ldhName: z.string().optional() })).optional(),
  events: z.array(eventSchema).optional(),
  secureDNS: z.looseObject({ delegationSigned: z.boolean().optional() }).optional(),
  links: z.array(linkSchema).optional(),
});
export type RdapDomain = z.infer<typeof rdapDomainSchema>;

/** Placeholders registries put where GDPR redaction applies; never report them as data. */
const redacted = /^\s*(redacted( for privacy)?|data (protected|redacted)|not disclosed|non-public data)\b/i;

/** First vCard property `name` as text: `tel:` URIs become the bare number; redacted values are dropped. */
export function vcardValue(entity: RdapEntity | undefined, name: string): string | undefined {
  for (const property of entity?.vcardArray?.[1] ?? []) {
    if (property[0] !== name) continue;
    const raw = property[3];
    const value = (Array.isArray(raw) ? raw.filter((v) => typeof v === 'string' && v).join(' ') : typeof raw === 'string' ? raw : '').trim();
    const bare = name === 'tel' ? value.replace(/^tel:/i, '').replace(/;ext=.*$/i, '') : name === 'email' ? value.replace(/^mailto:/i, '') : value;
    if (bare && !redacted.test(bare)) return bare;
  }
  return undefined;
}

const hasRole = (role: string) => (entity: RdapEntity) => (entity.roles ?? []).some((r) => r.toLowerCase() === role);

export interface RegistrarFacts {
  name?: string;
  ianaId?: string;
  abuseEmail?: string;
  abuseEmailRefused?: string;
  abusePhone?: string;
}

/** The registrar entity and, per ICANN's RDAP profile, the abuse entity nested inside it. */
export function registrarFacts(record: RdapDomain): RegistrarFacts {
  const registrar = record.entities?.find(hasRole('registrar'));
  // Some servers put the abuse contact beside the registrar instead of inside it.
  const abuse = registrar?.entities?.find(hasRole('abuse')) ?? record.entities?.find(hasRole('abuse'));
  return {
    name: vcardValue(registrar, 'fn'),
    ianaId: registrar?.publicIds?.find((id) => id.type.toLowerCase() === 'iana registrar id')?.identifier,
    ...abuseContact(vcardValue(abuse, 'email')),
    abusePhone: vcardValue(abuse, 'tel'),
  };
}

/** The registrar's own RDAP record for this domain: a `related` link of RDAP type (RFC 9083 §4.2). */
export function registrarLink(record: RdapDomain): string | undefined {
  const related = (record.links ?? []).filter((l) => l.rel === 'related' && /^https?:/i.test(l.href));
  const rdap = related.find((l) => l.type === 'application/rdap+json') ?? related.find((l) => !l.type && /\/domain\//i.test(l.href));
  return rdap?.href;
}

const isoOrAsGiven = (date: string | undefined) => {
  if (!date) return undefined;
  const at = new Date(date);
  return Number.isNaN(at.getTime()) ? date : at.toISOString();
};

/** The parts of a registration every RDAP domain record can tell, whoever serves it. */
export function domainFacts(record: RdapDomain) {
  const event = (action: string) => isoOrAsGiven(record.events?.find((e) => e.eventAction.toLowerCase() === action)?.eventDate);
  return {
    unicodeName: record.unicodeName,
    nameservers: [...new Set((record.nameservers ?? []).flatMap((ns) => (ns.ldhName ? [ns.ldhName.toLowerCase().replace(/\.$/, '')] : [])))],
    statuses: toEppStatuses(record.status ?? []),
    events: { registered: event('registration'), expires: event('expiration'), lastChanged: event('last changed') },
    dnssec: record.secureDNS?.delegationSigned,
  };
}

/** Parses JSON text as an RDAP domain record; returns the zod complaint on failure. */
export function parseRdapDomain(text: string): { ok: true; record: RdapDomain } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  const parsed = rdapDomainSchema.safeParse(json);
  return parsed.success ? { ok: true, record: parsed.data } : { ok: false, problem: z.prettifyError(parsed.error) };
}
