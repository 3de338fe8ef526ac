/**
 * The one error catalogue. Every refusal the system gives names one of these codes; the API maps each
 * to an HTTP status (src/api/errors.ts), activities mark the permanent ones non-retryable, and update
 * validators throw them as ApplicationFailure types so callers see why.
 */
export const errorCodes = {
  // Target normalisation: what an agent pasted cannot be a target.
  TARGET_EMPTY: 'input is empty',
  TARGET_IP_ADDRESS: 'an IP address is not a domain',
  TARGET_BARE_TLD: 'a bare top-level domain cannot be seized',
  TARGET_UNKNOWN_TLD: 'the top-level domain is not in the public suffix list',
  TARGET_INVALID_LABEL: 'a label of the name is not a valid DNS label',
  TARGET_EMAIL_ADDRESS: 'an e-mail address is not a target',
  TARGET_UNSUPPORTED_SCHEME: 'only http and https links name a web target',
  TARGET_PROFILE_MISSING: 'the platform link names no profile',
  TARGET_MALFORMED: 'the input is not a domain name or a web link',
  // Validation of commands and human decisions.
  VALIDATION_FAILED: 'a field is missing or malformed',
  ROLE_NOT_ALLOWED: 'your role may not take this action',
  FOUR_EYES: 'counsel may not decide on, or record the warrant of, a case they initiated or amended',
  STALE_VERSION: 'the decision names an older version of the case package',
  ALREADY_DECIDED: 'this review round has been decided already',
  WRONG_STATE: 'the case or target is not at a step where this action applies',
  UNKNOWN_TARGET: 'the case holds no such target',
  UNKNOWN_NOTICE: 'no such notice',
  DUPLICATE_TARGET: 'the target is already active in another case',
  ACTOR_SIGNATURE_INVALID: "the action does not carry a valid signature of the API: a workflow takes a person's action only as the API signed it",
  // Legal facts: dates and clocks the law fixes.
  FACT_DATE_OUT_OF_RANGE: "a legal fact's date must lie between the seizure and today",
  CLOCK_OUT_OF_BOUNDS: 'a clock is set outside the bounds the law or the product allows',
  // Registration lookup.
  NOT_REGISTERED: 'the domain is not registered',
  NO_RDAP_SERVER: 'no RDAP server is known for this top-level domain',
  RATE_LIMITED: 'the registry asked us to slow down',
  BAD_RESPONSE: 'the registry answered with something we cannot read',
  LOOKUP_TIMEOUT: 'the registry did not answer in time',
  // Notices.
  TEMPLATE_CONTEXT_INVALID: 'a notice is missing a field it must state',
  SMTP_PERMANENT: 'the mail server refused the notice permanently',
  SMTP_TEMPORARY: 'the mail server could not take the notice yet',
  RECIPIENT_INVALID: 'a notice recipient is not exactly one e-mail address',
  // Identity.
  UNAUTHENTICATED: 'sign in first',
  FORBIDDEN: 'not allowed',
  NOT_A_MEMBER: 'only members of the case (its team and its assigned counsel), coordinators and supervisors may see or act on it',
  NO_TEAM: 'your sign-in names no team, which this action needs',
  NOT_FOUND: 'not found',
  CONFIG_INVALID: 'the configuration is invalid',
  // Payload encryption (src/temporal/payload-codec.ts).
  PAYLOAD_KEY_UNKNOWN: 'a payload is encrypted with a key this process does not hold',
  PAYLOAD_UNREADABLE: 'an encrypted payload failed its integrity check',
  // The API edge (src/api): sessions, signed links, limits, the engine behind it.
  SIGN_IN_FAILED: 'unknown user or wrong password',
  CSRF_INVALID: 'the form is stale or did not come from this site; reload the page and try again',
  CASE_EXISTS: 'a case with this ID exists already',
  OPERATION_EXISTS: 'an operation with this ID exists already',
  ACK_LINK_INVALID: 'the acknowledgement link is not one we issued',
  ACK_LINK_EXPIRED: 'the acknowledgement link has expired',
  ACK_LINK_USED: 'the acknowledgement link has been used for this confirmation already',
  TOO_MANY_REQUESTS: 'too many requests; wait a moment and try again',
  PAYLOAD_TOO_LARGE: 'the request is larger than the API accepts',
  URL_TOO_LONG: 'the URL path is longer than the API accepts (2,048 characters)',
  METHOD_NOT_ALLOWED: 'the path does not take this method; the Allow header lists those it takes',
  ENGINE_UNAVAILABLE: 'the workflow engine is not reachable; try again shortly',
  WORKFLOW_NOT_ANSWERING: 'the workflow did not answer in time: no worker is serving it right now; the engine itself answered',
  INTERNAL_ERROR: 'something went wrong on our side; it has been logged',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** A refusal with its catalogue code, a specific message and, for validation, the offending fields. */
export class TakedownError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message ?? errorCodes[code]);
    this.name = 'TakedownError';
  }
}
