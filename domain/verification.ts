
/** A seizure's verification (registry, DNS, banner): one check and one round of checks. */

export interface VerificationCheck {
  name: 'registry' | 'dns' | 'http';
  ok: boolean;
  expected: string;
  seen: string;
}

export interface VerificationResult {
  verified: boolean;
  /** `partial` when some checks pass and others do not yet. */
  state: 'verified' | 'partial' | 'pending';
  checks: VerificationCheck[];
  at: string;
}
