import { ErrorCode } from '../common/errors.ts';
import type { StixObject } from '../stix/object.ts';
import { validateObject, type ValidationProblem } from '../stix/validation/index.ts';
import type { IngestOutcome, Store } from './store.ts';

/**
 * The core of every ingest path (CLI import, TAXII Add Objects, later sync):
 * validate each object, write the valid ones in batches of one transaction
 * each, and report every object's fate to the caller, tagged with whatever
 * the caller needs to name it (a bundle position, a status entry).
 */
export interface IngestProblem {
  /** JSON path of the offending value inside the object, when one is to blame. */
  path?: string;
  /** A validation rule name or an error code. */
  reason: string;
  message: string;
}

export interface IngestListener<Tag> {
  accepted(tag: Tag, object: StixObject, outcome: Exclude<IngestOutcome, 'conflict'>): void;
  /** Invalid, or refused by the store (the same version with other content). */
  rejected(tag: Tag, value: unknown, problems: IngestProblem[]): void;
  /** Validation warnings of an object (open vocabularies, custom properties). */
  warned?(tag: Tag, warnings: readonly ValidationProblem[]): void;
  /** After each written batch. */
  flushed?(): void;
}

export interface ValidatedIngestOptions {
  /** Objects per transaction (default 1,000). */
  batchSize?: number;
  collections?: readonly string[];
}

export class ValidatedIngest<Tag> {
  readonly #store: Store;
  readonly #listener: IngestListener<Tag>;
  readonly #batchSize: number;
  readonly #collections: readonly string[] | undefined;
  #pending: { object: StixObject; tag: Tag }[] = [];

  constructor(store: Store, listener: IngestListener<Tag>, options: ValidatedIngestOptions = {}) {
    this.#store = store;
    this.#listener = listener;
    this.#batchSize = options.batchSize ?? 1000;
    this.#collections = options.collections;
  }

  /** Validates `value`; a valid object waits for its batch, which is written when full. */
  async add(value: unknown, tag: Tag): Promise<void> {
    const result = validateObject(value);
    if (result.warnings.length > 0) this.#listener.warned?.(tag, result.warnings);
    if (!result.valid) {
      this.#listener.rejected(tag, value, result.errors.map(({ path, rule, message }) => ({ path, reason: rule, message })));
      return;
    }
    this.#pending.push({ object: value as StixObject, tag });
    if (this.#pending.length >= this.#batchSize) await this.flush();
  }

  /** Writes what is waiting, in one transaction. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    const result = await this.#store.ingest(batch.map((item) => item.object), { collections: this.#collections });
    const conflicts = new Map(result.conflicts.map((conflict) => [conflict.index, conflict.message]));
    batch.forEach(({ object, tag }, index) => {
      const outcome = result.outcomes[index]!;
      if (outcome === 'conflict') {
        this.#listener.rejected(tag, object, [{ reason: ErrorCode.STORE_CONFLICT, message: conflicts.get(index) ?? 'refused by the store' }]);
      } else {
        this.#listener.accepted(tag, object, outcome);
      }
    });
    this.#listener.flushed?.();
  }
}
