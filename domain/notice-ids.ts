import { slug } from './notice-request';

/**
 * Every notice ID, built in this one place. A notice ID names the notice's workflow (workflowIds.notice), its
 * acknowledgement links and its ledger entry (which makes sending effectively once), and seeds the e-mail's
 * Message-ID; a reminder or an escalation extends the ID of the notice it follows. Running workflows rebuild
 * IDs of notices they have not sent yet, so a shape here changes only behind a patch.
 */
export const noticeIds = {
  /** A warrant's order to a registry: `<case>/<warrant>/registry-<registry>` (a release order names it as the original). */
  registryOrder: (caseId: string, warrantId: string, registryId: string) => `${caseId}/${warrantId}/registry-${registryId}`,
  /** A partner agency's request for a registry abroad. */
  partnerRequest: (caseId: string, warrantId: string, partnerId: string, registryId: string) => `${caseId}/${warrantId}/partner-${partnerId}-${registryId}`,
  /** A warrant's notice to one registrar. */
  registrarNotice: (caseId: string, warrantId: string, registrarKey: string) => `${caseId}/${warrantId}/registrar-${slug(registrarKey)}`,
  /** A warrant's request to one platform. */
  platformRequest: (caseId: string, warrantId: string, platform: string) => `${caseId}/${warrantId}/platform-${platform}`,
  /** A warrant's notice to one payment processor. */
  paymentNotice: (caseId: string, warrantId: string, processorId: string) => `${caseId}/${warrantId}/payment-${processorId}`,
  /** A release order to a registry (a withdrawal, or custody's release). */
  registryRelease: (caseId: string, warrantId: string, releaseId: string, registryId: string) => `${caseId}/${warrantId}/release-${slug(releaseId)}-${registryId}`,
  /** One part of a notice that covers more targets than one notice may: `<id>-part-<n>-of-<count>`. */
  part: (baseId: string, part: number, count: number) => `${baseId}-part-${part}-of-${count}`,
  /** The follow-up's reminder: the same notice again. */
  reminder: (noticeId: string, number: number) => `${noticeId}/renotice-${number}`,
  /** The coordinator told that the mail server refused some recipients of a notice. */
  refusedRecipients: (noticeId: string) => `${noticeId}/refused-recipients`,
  /** An unanswered registrar notice escalated to a registry (`part`: one part of that registry's order). */
  registryEscalation: (noticeId: string, registryName: string, part?: string) => `${noticeId}/escalation-registry-${slug(registryName)}${part ? `-${part}` : ''}`,
  /** An unanswered notice escalated to the coordinator. */
  coordinatorEscalation: (noticeId: string) => `${noticeId}/escalation-coordinator`,
  /** Counsel reminded of an open review round. */
  counselReminder: (caseId: string, round: number, number: number) => `${caseId}/review-${round}/reminder-${number}`,
  /** Counsel reminded that approved targets wait for a warrant. */
  warrantReminder: (caseId: string, number: number) => `${caseId}/warrant-reminder-${number}`,
  /** The case's own escalation to a coordinator or supervisor, under the key of what it is about. */
  caseEscalation: (caseId: string, key: string, level: string) => `${caseId}/${key}/escalation-${level}`,
  /** The agent told how the case moves. */
  agentUpdate: (caseId: string, sequence: number) => `${caseId}/agent-update-${sequence}`,
  /** A custody alert of one seizure (its seizure time keeps a later seizure's alerts apart). */
  custodyAlert: (caseId: string, domain: string, seizedAt: string, key: string) => `${caseId}/custody-${domain}-${seizedAt.replace(/[^0-9]/g, '')}/${key.replace(/[^A-Za-z0-9-]/g, '-')}`,
  /** A dissemination's one notice: its dissemination ID (`DIS-<n>`), which its outcome link and record name too. */
  dissemination: (disseminationId: string) => disseminationId,
  /** A profile takedown's notice, under the case and the profile. */
  profile: (caseId: string, platform: string, handle: string, what: string) => `${caseId}/${platform}-${slug(handle)}/${what}`,
};
