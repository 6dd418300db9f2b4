import { AppError, ErrorCode, isAppError } from '../common/errors.ts';
import { readBundle, type BundleEntry } from '../stix/bundle-reader.ts';
import type { Store } from './store.ts';
import { ValidatedIngest, type IngestProblem } from './validated-ingest.ts';

/**
 * Ingest of one bundle: stream → validate each object → write in batched
 * transactions. A bad object is rejected with a reason and the good ones
 * around it still land; every object is written whole or not at all.
 */
export interface ImportOptions {
  /** Objects per transaction (default 1,000). */
  batchSize?: number;
  /** How many rejections to keep in full (default 20); all are counted. */
  keepRejections?: number;
  collections?: readonly string[];
  maxObjectBytes?: number;
  /** Called after each written batch. */
  onProgress?: (summary: ImportSummary) => void;
}

export type Problem = IngestProblem;

/** A rejected object: where it was, and its first problem (by which it is counted). */
export interface Rejection extends Problem {
  /** Position of the object in the bundle's `objects` array. */
  index: number;
  offset: number;
  line: number;
  id?: string;
  /** Every problem of the object, the first included. */
  problems: Problem[];
}

export interface ImportSummary {
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** Rejected objects counted by reason. */
  rejectedByReason: Record<string, number>;
  /** The first rejections, in full. */
  rejections: Rejection[];
  /** Validation warnings (open-vocabulary values, custom properties) counted by rule. */
  warningsByRule: Record<string, number>;
  /** Set when the input itself could not be read to the end; the objects before it were kept. */
  failure?: { code: string; message: string };
}

export function emptySummary(): ImportSummary {
  return { read: 0, stored: 0, duplicates: 0, rejected: 0, rejectedByReason: {}, rejections: [], warningsByRule: {} };
}

export async function importBundle(
  store: Store,
  source: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
  summary: ImportSummary = emptySummary(),
): Promise<ImportSummary> {
  const keep = options.keepRejections ?? 20;
  const rejectWith = (entry: BundleEntry, id: string | undefined, problems: Problem[]): void => {
    const first = problems[0]!;
    summary.rejected++;
    summary.rejectedByReason[first.reason] = (summary.rejectedByReason[first.reason] ?? 0) + 1;
    if (summary.rejections.length < keep) {
      summary.rejections.push({ index: entry.index, offset: entry.offset, line: entry.line, id, ...first, problems });
    }
  };
  const ingest = new ValidatedIngest<BundleEntry>(store, {
    accepted(_entry, _object, outcome) {
      if (outcome === 'stored') summary.stored++;
      else summary.duplicates++;
    },
    rejected: (entry, value, problems) => rejectWith(entry, idOf(value), problems),
    warned(_entry, warnings) {
      for (const warning of warnings) summary.warningsByRule[warning.rule] = (summary.warningsByRule[warning.rule] ?? 0) + 1;
    },
    flushed: () => options.onProgress?.(summary),
  }, { batchSize: options.batchSize, collections: options.collections });

  try {
    for await (const entries of readBundle(source, { maxObjectBytes: options.maxObjectBytes })) {
      for (const entry of entries) {
        summary.read++;
        if (entry.kind === 'malformed') rejectWith(entry, undefined, [{ reason: entry.code, message: entry.message }]);
        else await ingest.add(entry.value, entry);
      }
    }
  } catch (error) {
    if (!isInputFailure(error)) throw error;
    summary.failure = { code: error.code, message: error.message };
  }
  await ingest.flush();
  return summary;
}

const INPUT_FAILURES: ReadonlySet<string> = new Set([
  ErrorCode.INPUT_MALFORMED_JSON, ErrorCode.INPUT_BAD_COMPRESSION, ErrorCode.INPUT_NOT_A_BUNDLE,
  ErrorCode.INPUT_TOO_LARGE, ErrorCode.INPUT_UNREADABLE,
]);

function isInputFailure(error: unknown): error is AppError {
  return isAppError(error) && INPUT_FAILURES.has(error.code);
}

function idOf(value: unknown): string | undefined {
  const id = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
