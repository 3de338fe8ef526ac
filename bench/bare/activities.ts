/** The baseline's activities: trivial, each returning a small record (the pipeline's do the real work). */
export const bareActivities = {
  async lookup(key: string): Promise<{ key: string; registrar: string; nameservers: string[] }> {
    return { key, registrar: 'Example Registrar, Inc.', nameservers: ['ns1.example', 'ns2.example'] };
  },
  async evidence(key: string): Promise<{ key: string; sha256: string }> {
    return { key, sha256: '0'.repeat(64) };
  },
  async sendNotice(input: { caseId: string; notice: number }): Promise<string> {
    return `${input.caseId}/notice-${input.notice}`;
  },
  async verify(key: string): Promise<{ key: string; verified: boolean }> {
    return { key, verified: true };
  },
  async seize(key: string): Promise<{ key: string; seized: boolean }> {
    return { key, seized: true };
  },
};
export type BareActivities = typeof bareActivities;
