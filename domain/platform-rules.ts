import type { PlatformContact } from './registries';
import type { Platform, ProfileTarget } from './targets/types';

/** Where a profile's user is, which decides the legal entity some platforms want addressed. */
export const userRegions = ['US', 'EEA', 'UK', 'OTHER'] as const;
export type UserRegion = (typeof userRegions)[number];

/**
 * What the workflow must know of each platform besides its channel (config/platforms.json): how a removed
 * profile looks, whether the platform tells the user (unless a non-disclosure order bars it), which legal
 * entity to address by region, and what a request must contain. Pure data, safe in workflows.
 */
export interface PlatformRules {
  /** HTTP statuses a removed profile answers with. */
  removedStatuses: number[];
  /** Text a removed profile's page shows (case-insensitive) when the platform answers 200. */
  removedMarkers: string[];
  notifiesUser: boolean;
  entityByRegion?: Partial<Record<UserRegion, string>>;
  mustContain: string[];
}

export const platformRules: Record<Platform, PlatformRules> = {
  facebook: {
    removedStatuses: [404, 410],
    removedMarkers: ["this content isn't available", "this page isn't available"],
    notifiesUser: true,
    mustContain: ['profile URL and numeric ID where known', 'legal process (warrant or court order) attached', 'government e-mail address of the requester'],
  },
  instagram: {
    removedStatuses: [404, 410],
    removedMarkers: ["sorry, this page isn't available"],
    notifiesUser: true,
    mustContain: ['profile URL and handle', 'legal process attached', 'government e-mail address of the requester'],
  },
  x: {
    removedStatuses: [404, 410],
    removedMarkers: ["this account doesn't exist", 'this account doesn’t exist', 'account suspended'],
    notifiesUser: true,
    mustContain: ['@handle and the numeric user ID (it survives handle changes)', 'legal process attached', 'non-disclosure order, if any'],
  },
  tiktok: {
    removedStatuses: [404, 410],
    removedMarkers: ["couldn't find this account"],
    notifiesUser: true,
    entityByRegion: { US: 'TikTok Inc.', EEA: 'TikTok Technology Limited (Ireland)', UK: 'TikTok Information Technologies UK Limited', OTHER: 'TikTok Pte. Ltd. (Singapore)' },
    mustContain: ['@handle and profile URL', 'the legal entity of the user\'s region', 'legal process attached'],
  },
  youtube: {
    removedStatuses: [404, 410],
    removedMarkers: ['this channel does not exist', 'this account has been terminated'],
    notifiesUser: true,
    mustContain: ['channel URL and channel ID (UC…)', 'legal process attached, submitted through LERS'],
  },
  marketplace: {
    removedStatuses: [404, 410],
    removedMarkers: ['no longer registered', 'this seller is not available'],
    notifiesUser: false,
    mustContain: ['seller or store URL', 'listing references from the undercover purchases', 'legal process attached'],
  },
};

/** Whether a fetched profile page shows the platform's "removed" state. */
export function looksRemoved(rules: PlatformRules, status: number, body: string): boolean {
  if (rules.removedStatuses.includes(status)) return true;
  const text = body.toLowerCase();
  return status === 200 && rules.removedMarkers.some((marker) => text.includes(marker));
}

/** The legal entity to address: by region where the platform splits by region. */
export function legalEntityFor(rules: PlatformRules, configured: string, region: UserRegion | undefined): string {
  return (region && rules.entityByRegion?.[region]) ?? configured;
}

/** The rules with the configured overrides (config/platforms.json `removal`) laid over them. */
export function rulesFor(platform: Platform, removal?: PlatformContact['removal']): PlatformRules {
  const rules = platformRules[platform];
  return { ...rules, removedStatuses: removal?.statuses ?? rules.removedStatuses, removedMarkers: removal?.markers?.map((m) => m.toLowerCase()) ?? rules.removedMarkers };
}

/**
 * The page evidence and verification look at: the profile's canonical path on the pasted link's origin
 * (scheme, host and port), so `https://m.tiktok.com/@x/video/1` is checked as `https://m.tiktok.com/@x`
 * (a removed video is not a removed profile) and a test's `http://www.tiktok.com:PORT/@x` stays local.
 */
export function profilePageUrl(pasted: string, target: ProfileTarget): string {
  const text = pasted.trim();
  if (!/^https?:\/\//i.test(text)) return target.url;
  try {
    const origin = new URL(text);
    const page = new URL(target.url);
    page.protocol = origin.protocol;
    page.host = origin.host;
    return page.toString();
  } catch {
    return target.url;
  }
}

/** What the agent must put into a platform's portal: the platform's own list plus this case's facts. */
export interface PortalChecklist {
  kind: 'preservation' | 'takedown';
  platform: string;
  portalUrl: string;
  /** The legal entity to address; with several (by the user's region) the items say which is which. */
  legalEntity: string;
  items: string[];
}

export interface ChecklistInput {
  kind: PortalChecklist['kind'];
  contact: PlatformContact;
  target: ProfileTarget;
  region?: UserRegion;
  caseId: string;
  /** The case's non-disclosure order (or a sealed warrant): stated, because platforms notify users unless barred. */
  nonDisclosure: boolean;
  /** For a takedown: the legal process it cites. */
  warrant?: { court: string; docket: string; issuedOn: string; sealed: boolean; documentRef?: string };
  /** For a preservation: how long, and until when. */
  preservation?: { statute: string; days: number; until: string };
}

/**
 * What the agent must put into a portal-only platform's form: where, to whom (by the user's region where the
 * platform splits by region), which account (handle and permanent ID), the platform's own list of what a
 * request must contain, the legal process (takedown) or the statute and period (preservation), and the
 * non-disclosure statement. Pure, so the checklist in the task and in the tests is the same.
 */
export function portalChecklist(input: ChecklistInput): PortalChecklist {
  const { contact, target } = input;
  const rules = platformRules[target.platform];
  const regional = rules.entityByRegion;
  const legalEntity = legalEntityFor(rules, contact.legalEntity, input.region);
  const items: string[] = [`Open ${contact.portalUrl} and file a ${input.kind === 'takedown' ? 'takedown (account removal) request' : 'preservation request'}${contact.notes ? ` (${contact.notes})` : ''}`];
  items.push(regional && !input.region
    ? `Address it to the legal entity of the user's region: ${Object.entries(regional).map(([region, entity]) => `${region}: ${entity}`).join('; ')}`
    : `Address it to ${legalEntity}`);
  items.push(`Account: ${target.url} (handle ${target.handle}${target.permanentId ? `, permanent ID ${target.permanentId}` : '; give the permanent ID too if the form asks for it'})`);
  if (input.kind === 'takedown') {
    items.push(...rules.mustContain.map((item) => `Include: ${item}`));
    const w = input.warrant;
    if (w) items.push(w.sealed
      ? 'Attach the warrant through the portal\'s sealed-process upload; it is sealed: do not describe the court, judge or docket in free-text fields'
      : `Attach the warrant: ${w.court}, docket ${w.docket}, issued ${w.issuedOn}${w.documentRef ? ` (${w.documentRef})` : ''}`);
  } else if (input.preservation) {
    const p = input.preservation;
    items.push(`Ask for preservation under ${p.statute} for ${p.days} days (until ${p.until}) of subscriber information, logs, content, listings, messages and transactions; no warrant is needed for this`);
  }
  items.push(input.nonDisclosure
    ? `State the non-disclosure order: ${contact.name} must not notify the account holder${rules.notifiesUser ? ` (it notifies users unless barred)` : ''}`
    : rules.notifiesUser ? `No non-disclosure order in this case: ${contact.name} will likely notify the account holder` : `No non-disclosure order in this case`);
  // Where to record it: the target's page (its form, also reached from "My tasks") or the command line.
  const key = `${target.platform}:${target.handle}`;
  items.push(`Quote case ${input.caseId}, then record the portal's reference number and the time you submitted in Takedown: the form "Record the portal submission" on the target's page (/targets/${key}, listed under My tasks), or \`takedown record-portal-submission ${key} --kind ${input.kind} --reference REF --submitted-at TIME\``);
  return { kind: input.kind, platform: contact.name, portalUrl: contact.portalUrl ?? '', legalEntity, items };
}
