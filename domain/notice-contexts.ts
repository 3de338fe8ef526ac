import { z } from 'zod';

/**
 * What each notice template must be given. Rendering checks the context against its schema first:
 * a missing field is an error that names it, never an empty gap in a legal notice.
 */
const domainLine = z.object({ domain: z.string().min(1), unicode: z.string().min(1) });
const contact = z.object({ name: z.string().min(1), email: z.email(), phone: z.string().optional() });
const warrantFacts = z.object({
  court: z.string().min(1),
  judge: z.string().min(1),
  docket: z.string().min(1),
  issuedOn: z.string().min(1),
  statutes: z.array(z.string()).min(1),
  sealed: z.boolean(),
});
const caseFacts = z.object({
  caseId: z.string().min(1),
  title: z.string().min(1),
  offence: z.string().min(1),
  statutes: z.array(z.string()).min(1),
  contact,
  nonDisclosure: z.boolean(),
});
/** Added by the send activity (it holds the signing key), not by the workflow. */
const delivery = z.object({ noticeId: z.string().min(1), ackUrl: z.url({ protocol: /^https?$/ }), sentOn: z.string().min(1) });

export const noticeContexts = {
  'registrar-notice': z.object({
    case: caseFacts,
    registrar: z.object({ name: z.string().min(1), ianaId: z.string().optional() }),
    domains: z.array(domainLine).min(1),
    warrant: warrantFacts,
    reviewWithinHours: z.number().int().positive(),
    delivery,
  }),
} as const;

export type TemplateName = keyof typeof noticeContexts;
export type NoticeContext<T extends TemplateName> = z.input<(typeof noticeContexts)[T]>;
/** What the workflow provides: everything but the delivery facts. */
export type WorkflowNoticeContext<T extends TemplateName> = Omit<NoticeContext<T>, 'delivery'>;
