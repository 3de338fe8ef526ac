/** Targets: their types, normalisation of what an agent pastes, and the platform and hosting tables it uses. */
export * from './types';
export { normalizeTarget, normalizeTargetOrThrow, type NormalizeResult } from './normalize';
export { platformSites, platformSiteFor, type PlatformSite } from './profiles';
export { sharedHostingSuffixes, sharedHostingSuffix } from './hosting';
export { toUnicode } from './punycode';
