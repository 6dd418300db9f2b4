import { AppError, ErrorCode } from '../common/errors.ts';
import type { TaxiiErrorResource } from './resources.ts';

export interface TaxiiErrorDetails {
  method: string;
  url: string;
  httpStatus: number;
  /** The error message resource (§3.6.1) when the server sent one. */
  resource?: TaxiiErrorResource;
  /** Requests made, retries included. */
  attempts: number;
}

/**
 * A remote TAXII server answered with an HTTP error, or with a body that is
 * not TAXII. Code TAXII_REMOTE_ERROR; the status and any error resource are
 * both on the instance and in `details`.
 */
export class TaxiiError extends AppError {
  readonly httpStatus: number;
  readonly resource: TaxiiErrorResource | undefined;

  constructor(message: string, details: TaxiiErrorDetails) {
    super(ErrorCode.TAXII_REMOTE_ERROR, message, { ...details });
    this.name = 'TaxiiError';
    this.httpStatus = details.httpStatus;
    this.resource = details.resource;
  }
}

/** Whether a response body is an error message (§3.6.1: `title` is its one required property). */
export function isErrorResource(body: unknown): body is TaxiiErrorResource {
  return typeof body === 'object' && body !== null && typeof (body as { title?: unknown }).title === 'string';
}
