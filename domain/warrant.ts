import { z } from 'zod';
import { statuteSchema } from './case-package';

/** A seizure warrant issued by a magistrate judge; it lists every target it covers. */
export const warrantSchema = z.object({
  court: z.string().min(3, 'court is required, e.g. "U.S. District Court for the Southern District of New York"'),
  judge: z.string().min(3, 'magistrate judge is required'),
  docket: z.string().min(3, 'docket number is required'),
  issuedOn: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }),
  statutes: z.array(statuteSchema).min(1, 'cite at least one statute'),
  sealed: z.boolean(),
  documentRef: z.string().min(1, 'reference of the signed warrant document is required'),
  /** Normalised target keys (domain or platform:handle) the warrant covers. */
  covers: z.array(z.string().min(1)).min(1, 'a warrant covers at least one target'),
});
export type Warrant = z.infer<typeof warrantSchema>;
