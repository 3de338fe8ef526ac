import type { Actor } from './actors';
import { type CaseStage, type Stage } from './stages';

/** One line of a timeline: who did what, when. Entries are only ever appended. */
export interface TimelineEntry {
  at: string;
  actor: Actor;
  action: string;
  stage?: Stage | CaseStage;
  detail?: string;
  reason?: string;
  packageVersion?: number;
  data?: Record<string, unknown>;
}
