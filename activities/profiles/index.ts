import { log } from '@temporalio/activity';
import type { RemovalCheck } from '../../domain/profile-takedown';
import type { Platform } from '../../domain/targets/types';
import { checkRemoved, type RemovalCheckDeps } from './check-removed';

export type { RemovalCheckDeps } from './check-removed';

/** The profile takedown's own side effect: looking at the profile page (evidence capture is shared with domains). */
export function createProfileActivities(deps: RemovalCheckDeps) {
  return {
    /** Is the profile gone, by the platform's rule? A "not yet" is an ordinary result, never a failure. */
    async checkProfileRemoved(input: { url: string; platform: Platform }): Promise<RemovalCheck> {
      const check = await checkRemoved(deps, input, () => new Date().toISOString());
      log.info('profile check', { url: input.url, status: check.status, removed: check.removed });
      return check;
    },
  };
}
