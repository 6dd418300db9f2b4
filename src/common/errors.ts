/**
 * The one error type of Accord. Every layer throws `AppError` with a code from
 * `ErrorCode`; only `server/` maps codes to HTTP statuses, so nothing below it
 * knows HTTP.
 */
export const ErrorCode = {
  /** A STIX object or bundle broke a rule of STIX 2.1. */
  STIX_INVALID: 'STIX_INVALID',
  /** The object cannot be versioned: an SCO, or an object without `modified` (STIX 2.1 §3.6). */
  STIX_NOT_VERSIONABLE: 'STIX_NOT_VERSIONABLE',
  /** A new version of a revoked object was asked for; revocation is final (STIX 2.1 §3.6). */
  STIX_REVOKED: 'STIX_REVOKED',
  /** A new version tried to change `type`, `id`, `created`, `created_by_ref` or set `modified` itself. */
  STIX_UNMODIFIABLE_PROPERTY: 'STIX_UNMODIFIABLE_PROPERTY',
  /** A file or stream is not well-formed JSON. */
  INPUT_MALFORMED_JSON: 'INPUT_MALFORMED_JSON',
  /** A gzip stream ended early or is corrupt. */
  INPUT_BAD_COMPRESSION: 'INPUT_BAD_COMPRESSION',
  /** The input is JSON but not a STIX bundle (or a list of objects). */
  INPUT_NOT_A_BUNDLE: 'INPUT_NOT_A_BUNDLE',
  /** One object is larger than the reader accepts. */
  INPUT_TOO_LARGE: 'INPUT_TOO_LARGE',
  /** A file could not be read. */
  INPUT_UNREADABLE: 'INPUT_UNREADABLE',
  /** The same id and modified arrived with different content. */
  STORE_CONFLICT: 'STORE_CONFLICT',
  /** A requested object does not exist. */
  STORE_NOT_FOUND: 'STORE_NOT_FOUND',
  /** A paging cursor that this store did not issue, or that is corrupt. */
  STORE_BAD_CURSOR: 'STORE_BAD_CURSOR',
  /** A filter value that makes no sense (bad timestamp, unknown version keyword). */
  STORE_BAD_FILTER: 'STORE_BAD_FILTER',
  /** The data directory holds a store newer than this program. */
  STORE_SCHEMA_TOO_NEW: 'STORE_SCHEMA_TOO_NEW',
  /** A collection with this id already exists. */
  STORE_COLLECTION_EXISTS: 'STORE_COLLECTION_EXISTS',
  /** A command-line usage error. */
  CLI_USAGE: 'CLI_USAGE',
  /** A TAXII URL query that breaks TAXII 2.1 §3.4 or the endpoint's table: malformed, duplicated, unknown or not accepted there. */
  TAXII_BAD_FILTER: 'TAXII_BAD_FILTER',
  /** A TAXII client set up so it cannot work: a URL that is not http(s), carries credentials or is plain http to a non-loopback host; a Basic user id with a colon. */
  TAXII_CLIENT_CONFIG: 'TAXII_CLIENT_CONFIG',
  /** A remote TAXII server answered with an HTTP error (details: httpStatus, the error resource) or with a body that is not TAXII. */
  TAXII_REMOTE_ERROR: 'TAXII_REMOTE_ERROR',
  /** A remote TAXII server gave no answer: connection failure or timeout, after the retries allowed. */
  TAXII_UNREACHABLE: 'TAXII_UNREACHABLE',
  /** Waiting for an Add Objects request ended while its status was still pending (details: the last status). */
  TAXII_STATUS_PENDING: 'TAXII_STATUS_PENDING',
  /** Node-local data: a name or key id that is already taken. */
  LOCAL_CONFLICT: 'LOCAL_CONFLICT',
  /** Node-local data: an account, key, API root or collection grant that does not exist. */
  LOCAL_NOT_FOUND: 'LOCAL_NOT_FOUND',
  /** No credentials, unknown or wrong credentials, a revoked key or a disabled account (→ 401). */
  AUTH_UNAUTHENTICATED: 'AUTH_UNAUTHENTICATED',
  /** An authenticated account asked for something it knows exists but may not do (→ 403). */
  AUTH_FORBIDDEN: 'AUTH_FORBIDDEN',
  /** A TAXII resource that does not exist, or that the account may not know exists (→ 404). */
  TAXII_NOT_FOUND: 'TAXII_NOT_FOUND',
  /** No media type the server can answer in matches the request's Accept (→ 406). */
  TAXII_NOT_ACCEPTABLE: 'TAXII_NOT_ACCEPTABLE',
  /** A request body whose Content-Type the server does not read (→ 415). */
  TAXII_UNSUPPORTED_MEDIA_TYPE: 'TAXII_UNSUPPORTED_MEDIA_TYPE',
  /** A request body larger than the API root's max_content_length (→ 413). */
  TAXII_PAYLOAD_TOO_LARGE: 'TAXII_PAYLOAD_TOO_LARGE',
  /** A request body that is not JSON, or not a TAXII envelope (→ 400). */
  TAXII_BAD_ENVELOPE: 'TAXII_BAD_ENVELOPE',
  /** A TAXII endpoint this node does not implement yet (→ 501). */
  TAXII_NOT_IMPLEMENTED: 'TAXII_NOT_IMPLEMENTED',
  /** A STIX pattern that breaks the patterning grammar (STIX 2.1 §9): details carry line, column, found, expected. */
  PATTERN_SYNTAX: 'PATTERN_SYNTAX',
  /** A pattern constant that is malformed: bad timestamp, base64, hex or string escape (STIX 2.1 §9.4). */
  PATTERN_INVALID_LITERAL: 'PATTERN_INVALID_LITERAL',
  /** The same qualifier type applied twice directly to one observation expression (STIX 2.1 §9.8). */
  PATTERN_DUPLICATE_QUALIFIER: 'PATTERN_DUPLICATE_QUALIFIER',
  /** A hash value that does not fit its algorithm (e.g. `hashes.'SHA-256'` that is not 64 hex digits). */
  PATTERN_INVALID_HASH: 'PATTERN_INVALID_HASH',
  /** A pattern nested deeper than the parser accepts. */
  PATTERN_TOO_DEEP: 'PATTERN_TOO_DEEP',
  /** A construct that the requested STIX version's patterning does not have (e.g. `EXISTS` in 2.0). */
  PATTERN_UNSUPPORTED: 'PATTERN_UNSUPPORTED',
  /** Evaluating a pattern failed: bad observed-data, `WITHIN 0`, mixed-type sets, an unparseable timestamp value, an unsafe `MATCHES` regex. */
  PATTERN_MATCH_ERROR: 'PATTERN_MATCH_ERROR',
  /** A pattern handed to the matcher or the match index that does not parse; details.errors holds the positioned diagnostics. */
  PATTERN_INVALID: 'PATTERN_INVALID',
  /** Warning: an object type that is no STIX 2.1 SCO (custom types start with `x-`). */
  PATTERN_UNKNOWN_OBJECT_TYPE: 'PATTERN_UNKNOWN_OBJECT_TYPE',
  /** Warning: a property that the SCO's STIX 2.1 definition does not have. */
  PATTERN_UNKNOWN_PROPERTY: 'PATTERN_UNKNOWN_PROPERTY',
  /** Warning: a constant of a type the property can never equal (e.g. a string for an integer property). */
  PATTERN_TYPE_MISMATCH: 'PATTERN_TYPE_MISMATCH',
  /** One line of an observation stream that is not JSON, not an object, not an observation, or lacks timestamps (skipped, the stream goes on). */
  OBSERVATION_INVALID: 'OBSERVATION_INVALID',
  /** A cookie-authenticated state-changing call without the session's CSRF token in X-CSRF-Token (→ 403). */
  AUTH_CSRF: 'AUTH_CSRF',
  /** Too many failed logins from one address or for one account name; details.retryAfterSeconds (→ 429). */
  AUTH_RATE_LIMITED: 'AUTH_RATE_LIMITED',
  /** A web API request (query string, path or body) that is malformed; the message says what, where and why (→ 400). */
  API_BAD_INPUT: 'API_BAD_INPUT',
  /** Input to a workflow (incident, case, evidence, assessment, opinion, statement…) that breaks its rules; the message says what, where and why (→ 400). */
  WORKFLOW_BAD_INPUT: 'WORKFLOW_BAD_INPUT',
  /** A workflow step not allowed now (a status transition, an opinion outside consultation…); the message says why (→ 409). */
  WORKFLOW_REFUSED: 'WORKFLOW_REFUSED',
  /** Correlation options out of range (→ 400). */
  CORRELATION_BAD_OPTIONS: 'CORRELATION_BAD_OPTIONS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
