import { isAppError, type ErrorCode } from '../common/errors.ts';
import { errorResource, type TaxiiErrorResource } from '../taxii/resources.ts';

/**
 * The one table from an error to an HTTP answer (STYLE.md "Errors are a
 * catalogue"): nothing below `server/` knows HTTP. Every answer is a TAXII
 * error message resource (TAXII 2.1 §3.6.1); no answer ever carries a stack.
 */
export interface HttpAnswer {
  status: number;
  resource: TaxiiErrorResource;
  headers: Record<string, string>;
}

/** `WWW-Authenticate` of every 401 (RFC 7617: Basic is the scheme TAXII mandates, §8.5.1). */
export const AUTH_CHALLENGE = 'Basic realm="accord", charset="UTF-8"';

interface Row {
  status: number;
  title: string;
}

const TABLE: Partial<Record<ErrorCode, Row>> = {
  AUTH_UNAUTHENTICATED: { status: 401, title: 'Unauthorized' },
  AUTH_FORBIDDEN: { status: 403, title: 'Forbidden' },
  AUTH_CSRF: { status: 403, title: 'Forbidden' },
  AUTH_RATE_LIMITED: { status: 429, title: 'Too Many Requests' },
  API_BAD_INPUT: { status: 400, title: 'Bad Request' },
  TAXII_NOT_FOUND: { status: 404, title: 'Not Found' },
  STORE_NOT_FOUND: { status: 404, title: 'Not Found' },
  LOCAL_CONFLICT: { status: 409, title: 'Conflict' },
  TAXII_NOT_ACCEPTABLE: { status: 406, title: 'Not Acceptable' },
  TAXII_PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload Too Large' },
  TAXII_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported Media Type' },
  TAXII_BAD_FILTER: { status: 400, title: 'Bad Request' },
  TAXII_BAD_ENVELOPE: { status: 400, title: 'Bad Request' },
  STORE_BAD_CURSOR: { status: 400, title: 'Bad Request' },
  STORE_BAD_FILTER: { status: 400, title: 'Bad Request' },
  INPUT_MALFORMED_JSON: { status: 400, title: 'Bad Request' },
  STIX_INVALID: { status: 422, title: 'Unprocessable Content' },
  TAXII_NOT_IMPLEMENTED: { status: 501, title: 'Not Implemented' },
  WORKFLOW_BAD_INPUT: { status: 400, title: 'Bad Request' },
  WORKFLOW_REFUSED: { status: 409, title: 'Conflict' },
  CORRELATION_BAD_OPTIONS: { status: 400, title: 'Bad Request' },
};

/** Fastify's own client errors (body parsing, routing) keep their 4xx status; their messages say nothing internal. */
interface StatusError {
  statusCode: number;
  message: string;
  code?: string;
}

function isClientStatusError(error: unknown): error is StatusError {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * The HTTP answer to `error`, and whether it was expected. An unexpected
 * error (anything the table does not name) is answered 500 with a generic
 * resource: the caller logs it in full, the client sees only the request id.
 */
export function httpAnswerOf(error: unknown, requestId: string): HttpAnswer & { expected: boolean } {
  if (isAppError(error)) {
    const row = TABLE[error.code];
    if (row !== undefined) {
      const details = publicDetails(error.details);
      const resource = errorResource({
        title: row.title,
        description: error.message,
        errorId: requestId,
        errorCode: error.code,
        httpStatus: row.status,
        ...(details && { details }),
      });
      const headers = headersOf(row.status, error.details);
      return { status: row.status, resource, headers, expected: true };
    }
  }
  if (isClientStatusError(error)) {
    const status = error.statusCode;
    const title = status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : status === 404 ? 'Not Found' : 'Bad Request';
    return {
      status,
      resource: errorResource({ title, description: error.message, errorId: requestId, ...(error.code && { errorCode: error.code }), httpStatus: status }),
      headers: {},
      expected: true,
    };
  }
  return {
    status: 500,
    resource: errorResource({
      title: 'Internal Server Error',
      description: `The node could not answer this request; its operators can find it in the logs under request id ${requestId}.`,
      errorId: requestId,
      httpStatus: 500,
    }),
    headers: {},
    expected: false,
  };
}

/** A 401 names the scheme to use (RFC 7235); a 429 says when to try again (RFC 6585). */
function headersOf(status: number, details: Record<string, unknown> | undefined): Record<string, string> {
  if (status === 401) return { 'www-authenticate': AUTH_CHALLENGE };
  const retryAfter = details?.retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') return { 'retry-after': String(retryAfter) };
  return {};
}

/** Details that are safe to send: plain JSON data only (problems lists, limits), never causes or objects with prototypes. */
function publicDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (details === undefined) return undefined;
  try {
    const copy = JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
    return Object.keys(copy).length === 0 ? undefined : copy;
  } catch {
    return undefined;
  }
}
