
/** What a notice leaves behind: the summary of one sent, its kinds, refused recipients and acknowledgements (kept by the case, its targets and the notice workflow). */

export const noticeKinds = ['registry-order', 'registrar-notice', 'registrar-courtesy', 'platform-request', 'payment-notice', 'counsel-reminder', 'warrant-reminder', 'escalation', 'agent-update', 'registry-release', 'registry-escalation', 'preservation-request', 'partner-request', 'dissemination'] as const;

export type NoticeKind = (typeof noticeKinds)[number];

/** A notice as sent: one per recipient party, covering one or more targets. */
export interface RefusedRecipient {
  address: string;
  /** The server's answer for this recipient. */
  answer: string;
}

export interface NoticeSummary {
  noticeId: string;
  kind: NoticeKind;
  to: string[];
  subject: string;
  messageId: string;
  sentAt: string;
  covers: string[];
  smtpResponse?: string;
  /** Recipients the mail server refused while it accepted the others: they were not served. */
  refused?: RefusedRecipient[];
  /** Attachments as sent (the XARF copy), by name and SHA-256; the bytes stay in the notice ledger. */
  attachments?: { filename: string; contentType: string; sha256: string }[];
  /** On a re-notification or escalation: the notice it follows up. */
  follows?: string;
}

/**
 * A notice as one target hears of it: the notice without the list of everything it covers, so what a
 * target receives and keeps stays the same size however many targets the notice covers.
 */
export type TargetNotice = Omit<NoticeSummary, 'covers' | 'attachments'>;

export function noticeForTarget({ covers: _covers, attachments: _attachments, ...notice }: NoticeSummary): TargetNotice {
  return notice;
}

export interface Acknowledgement {
  noticeId: string;
  kind: 'received' | 'actioned';
  by: { name: string; email?: string };
  reference?: string;
  comment?: string;
  at: string;
}
