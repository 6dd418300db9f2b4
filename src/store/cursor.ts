import { AppError, ErrorCode } from '../common/errors.ts';

/**
 * A keyset position in the date-added order: the last version a page held.
 * The next page starts strictly after it, so writes made between pages (which
 * are added later) can neither shift nor repeat what was already returned.
 */
export interface CursorPosition {
  /** The `dateAdded` of the last version returned (RFC 3339, microseconds). */
  dateAdded: string;
  /** The adapter's insertion sequence number of that version (the tie-breaker). */
  seq: number;
}

const DATE_ADDED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The opaque `next` value of a page: base64url of a small JSON array. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.dateAdded, position.seq])).toString('base64url');
}

export function decodeCursor(next: string): CursorPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(next, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2) {
    const [dateAdded, seq] = value as unknown[];
    if (typeof dateAdded === 'string' && DATE_ADDED.test(dateAdded) && Number.isSafeInteger(seq) && (seq as number) > 0) {
      return { dateAdded, seq: seq as number };
    }
  }
  throw new AppError(ErrorCode.STORE_BAD_CURSOR, 'the paging cursor is not one this store issued');
}
