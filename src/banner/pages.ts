import Handlebars from 'handlebars';
import fs from 'node:fs';
import path from 'node:path';

/** The banner's own templates (our design, not the government's image): templates/banner/. */
export const bannerTemplatesDir = path.resolve(__dirname, '..', '..', 'templates', 'banner');

/** What every banner page states about the seizure. */
export interface SeizureFacts {
  domain: string;
  /** The domain as people read it (IDN in Unicode). */
  displayDomain: string;
  /**
   * The seizure's public reference (workflows/domain-seizure/domain-seizure.ts draws it at random), never the internal case
   * ID: the page is public, and a case ID or docket names a sealed investigation.
   */
  caseRef: string;
  /** The issuing court, or only a generic phrase when the warrant is sealed (domain/banner-listing.ts). */
  court: string;
  publicServiceUrl: string;
}

export interface SeizurePage extends SeizureFacts {
  formToken: string;
  tipMaxChars: number;
}

export interface MessagePage extends SeizureFacts {
  heading: string;
  message: string;
  reference?: string;
}

/**
 * Compiles the pages once. Handlebars escapes every value, so a case reference or a court name can never
 * inject markup; `strict` turns a missing field into an error instead of a gap in a legal statement.
 */
export function loadBannerPages(dir: string = bannerTemplatesDir) {
  const hbs = Handlebars.create();
  const options = { strict: true, knownHelpersOnly: true };
  hbs.registerPartial('layout', hbs.compile(fs.readFileSync(path.join(dir, 'layout.hbs'), 'utf8'), options));
  const compile = (name: string) => hbs.compile(fs.readFileSync(path.join(dir, `${name}.hbs`), 'utf8'), options);
  const seizure = compile('seizure');
  const publicService = compile('public-service');
  const message = compile('message');
  return {
    seizure: (page: SeizurePage) => seizure({ ...page, mode: 'seizure' }),
    publicService: (facts: SeizureFacts) => publicService({ ...facts, mode: 'public-service' }),
    message: (page: MessagePage) => message({ ...page, mode: 'message', reference: page.reference ?? '' }),
  };
}
export type BannerPages = ReturnType<typeof loadBannerPages>;
