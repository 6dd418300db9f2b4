import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, ErrorCode, isAppError } from '../../common/errors.ts';
import { ensureNodeIdentity } from '../../federation/node-identity.ts';
import { openNode } from '../../store/data-dir.ts';
import type { Store } from '../../store/store.ts';
import { readObservationLines, runDetection, type DetectionSummary } from '../../workflows/detection/index.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { readFileCounting } from '../input-files.ts';
import { createProgress, formatCount, formatTable, writeJson, writeLine } from '../output.ts';
import { parsePositiveInteger, type GlobalOptions } from './options.ts';

interface MatchOptions {
  observations: string;
  json?: boolean;
  dryRun?: boolean;
  collection?: string[];
  showSkips: number;
}

/** Sightings listed in the readable summary. */
const SIGHTINGS_SHOWN = 20;

export function registerMatch(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('match')
    .description('match observations (JSON Lines of observed-data, bundles or flat log records) against the active indicators; store one sighting per sighted indicator')
    .requiredOption('--observations <file>', 'a JSON Lines file, or - for standard input')
    .option('--json', 'print {input, summary, skipped, failure?, sightings} as one JSON object')
    .option('--dry-run', 'report the sightings without storing anything')
    .option('--collection <id...>', 'also add what is stored to these collections')
    .option('--show-skips <n>', 'skipped lines shown in full', parsePositiveInteger, 10)
    .addHelpText('after', '\nExit codes: 0 every line read and matched, 1 some lines skipped (or objects refused by the store), 2 the input could not be read to the end.\nSee docs/detection.md for the input forms.')
    .action(async (options: MatchOptions, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const input = options.observations;
      const size = input === '-' ? 0 : sizeOf(input);
      const node = await openNode(data);
      let failure: AppError | undefined;
      let bytesRead = 0;
      const counted = (bytes: number): void => { bytesRead = bytes; };
      const source = input === '-' ? countBytes(process.stdin, counted) : readFileCounting(input, counted);
      // A read error mid-stream ends the input there: what was read is still matched and stored, as import keeps what it read.
      async function* untilFailure(): AsyncGenerator<Uint8Array> {
        try {
          yield* source;
        } catch (error) {
          if (!isAppError(error, ErrorCode.INPUT_UNREADABLE)) throw error;
          failure = error;
        }
      }
      try {
        await checkCollections(node.store, options.collection);
        const identity = await ensureNodeIdentity(node.store, node.local);
        const progress = createProgress(context, input === '-' ? 'stdin' : path.basename(input), size);
        const { summary, sightings } = await runDetection({
          store: node.store,
          identity,
          observations: readObservationLines(untilFailure(), { producerId: identity.id }),
          write: !options.dryRun,
          collections: options.collection,
          keepSkips: options.showSkips,
          onProgress: (current) => progress.update(bytesRead, current.observations),
        }).finally(() => progress.stop());
        if (options.json) {
          // The shape of the match API's answer, with line numbers for positions.
          const { skips, ...rest } = summary;
          writeJson(context.stdout, {
            input, summary: rest, skipped: skips.map(({ position, ...skip }) => ({ line: position, ...skip })),
            ...(failure && { failure: { code: failure.code, message: failure.message } }), sightings,
          });
        } else {
          report(context, input, summary, sightings, failure);
        }
        done(failure ? ExitCode.INPUT_FAILED : summary.skipped > 0 || summary.stored.rejected > 0 ? ExitCode.REJECTED : ExitCode.OK);
      } finally {
        await node.close();
      }
    });
}

/** Unknown collections are refused before anything is read (the store would refuse them at the first write). */
async function checkCollections(store: Store, ids: readonly string[] | undefined): Promise<void> {
  if (ids === undefined) return;
  const known = new Set((await store.listCollections()).map((collection) => collection.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new AppError(ErrorCode.STORE_NOT_FOUND, `no collection ${unknown.join(', ')}`, { collections: unknown });
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw new AppError(ErrorCode.INPUT_UNREADABLE, `cannot read ${file}: no such file`);
  }
}

async function* countBytes(stream: AsyncIterable<Uint8Array>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      bytes += chunk.length;
      onBytes(bytes);
      yield chunk;
    }
  } catch (error) {
    throw new AppError(ErrorCode.INPUT_UNREADABLE, `cannot read standard input: ${(error as Error).message}`, undefined, { cause: error });
  }
}

function report(context: CliContext, input: string, summary: DetectionSummary, sightings: readonly Record<string, unknown>[], failure: AppError | undefined): void {
  const out = context.stdout;
  const { indicators } = summary;
  writeLine(out, `${input === '-' ? 'standard input' : input}: read ${formatCount(summary.read)} lines, ${formatCount(summary.observations)} observations, `
    + `skipped ${formatCount(summary.skipped)} (${summary.seconds.toFixed(2)} s, ${formatCount(summary.observationsPerSecond)} observations/s)`);
  if (failure) writeLine(out, `  could not read to the end: ${failure.message}`);
  for (const skip of summary.skips) writeLine(out, `  skipped line ${skip.position}: ${skip.message} [${skip.reason}]`);
  if (summary.skipped > summary.skips.length) writeLine(out, `  … and ${formatCount(summary.skipped - summary.skips.length)} more skipped lines`);
  const reasons = Object.entries(summary.skippedByReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 1) writeLine(out, indent(formatTable(['skipped by reason', 'lines'], reasons)));

  const inactive = [
    indicators.revoked > 0 && `${formatCount(indicators.revoked)} revoked`,
    ...Object.entries(indicators.otherPatternTypes).map(([type, count]) => `${formatCount(count)} with pattern_type ${type || '(none)'}`),
    indicators.rejected > 0 && `${formatCount(indicators.rejected)} patterns that do not compile`,
  ].filter(Boolean);
  writeLine(out, `indicators: ${formatCount(indicators.active)} active of ${formatCount(indicators.stored)}${inactive.length > 0 ? ` (not matched: ${inactive.join(', ')})` : ''}`);
  for (const rejection of indicators.rejections) writeLine(out, `  ${rejection.id}: ${rejection.message} [${rejection.reason}]`);
  if (summary.unresolvedRefs > 0) writeLine(out, `  ${formatCount(summary.unresolvedRefs)} references found neither in the input nor in the store`);

  const outside = summary.hitsOutsideValidity > 0 ? ` (and ${formatCount(summary.hitsOutsideValidity)} outside the indicators' valid_from/valid_until)` : '';
  const stored = summary.write
    ? `${formatCount(summary.sightingsStored)} stored, ${formatCount(summary.sightingsAlreadyStored)} already stored`
    : `dry run: ${formatCount(summary.sightingsStored)} new, ${formatCount(summary.sightingsAlreadyStored)} already stored, nothing written`;
  writeLine(out, `hits: ${formatCount(summary.hits)}${outside} → ${formatCount(summary.sightings)} sightings (${stored})`);
  for (const rejection of summary.stored.rejections) writeLine(out, `  refused by the store: ${rejection.id ?? ''} ${rejection.message} [${rejection.reason}]`);
  if (sightings.length > 0) {
    const rows = [...sightings]
      .sort((a, b) => (b.count as number) - (a.count as number))
      .slice(0, SIGHTINGS_SHOWN)
      .map((sighting) => [sighting.sighting_of_ref as string, sighting.count as number, sighting.first_seen as string, sighting.last_seen as string]);
    writeLine(out, indent(formatTable(['indicator', 'count', 'first seen', 'last seen'], rows)));
    if (sightings.length > SIGHTINGS_SHOWN) writeLine(out, `  … and ${formatCount(sightings.length - SIGHTINGS_SHOWN)} more sightings (--json lists them all)`);
  }
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
