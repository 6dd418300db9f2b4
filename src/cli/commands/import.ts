import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { emptySummary, importBundle, type ImportSummary } from '../../store/import-bundle.ts';
import type { AuditInput } from '../../store/audit/audit-log.ts';
import { openNode } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { expandInputs, readFileCounting } from '../input-files.ts';
import { createProgress, formatCount, formatTable, writeJson, writeLine } from '../output.ts';
import { parsePositiveInteger, type GlobalOptions } from './options.ts';

interface ImportOptions {
  json?: boolean;
  collection?: string[];
  batchSize: number;
  maxObjectMb: number;
  showRejections: number;
}

interface FileResult extends ImportSummary {
  file: string;
  seconds: number;
  objectsPerSecond: number;
}

export function registerImport(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('import')
    .description('import STIX 2.1 bundles (.json or .json.gz; directories are searched) into the node')
    .argument('<inputs...>', 'bundle files or directories')
    .option('--json', 'print the summary as one JSON object')
    .option('--collection <id...>', 'also add the objects to these collections')
    .option('--batch-size <n>', 'objects per transaction', parsePositiveInteger, 1000)
    .option('--max-object-mb <n>', 'largest single object accepted, in MiB', parsePositiveInteger, 64)
    .option('--show-rejections <n>', 'rejections shown in full', parsePositiveInteger, 10)
    .addHelpText('after', '\nExit codes: 0 all stored (or already present), 1 some objects rejected, 2 an input could not be read to the end.')
    .action(async (inputs: string[], options: ImportOptions, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const files = expandInputs(inputs);
      const node = await openNode(data);
      const results: FileResult[] = [];
      try {
        for (const file of files) {
          const result = await importFile(context, node.store, file, options);
          node.audit.append(auditEntryOf(result, options));
          results.push(result);
        }
      } finally {
        await node.close();
      }
      report(context, results, options);
      const failed = results.some((result) => result.failure);
      done(failed ? ExitCode.INPUT_FAILED : results.some((result) => result.rejected > 0) ? ExitCode.REJECTED : ExitCode.OK);
    });
}

async function importFile(
  context: CliContext,
  store: Parameters<typeof importBundle>[0],
  file: string,
  options: ImportOptions,
): Promise<FileResult> {
  const size = statSync(file).size;
  const progress = createProgress(context, path.basename(file), size);
  let bytesRead = 0;
  const started = performance.now();
  const summary = await importBundle(store, readFileCounting(file, (bytes) => { bytesRead = bytes; }), {
    batchSize: options.batchSize,
    collections: options.collection,
    maxObjectBytes: options.maxObjectMb * 1024 * 1024,
    keepRejections: options.showRejections,
    onProgress: (current) => progress.update(bytesRead, current.read),
  }, emptySummary()).finally(() => progress.stop());
  const seconds = (performance.now() - started) / 1000;
  return { file, ...summary, seconds, objectsPerSecond: seconds > 0 ? summary.read / seconds : 0 };
}

/** One audit entry per file: what came of it, not the objects themselves. */
function auditEntryOf(result: FileResult, options: ImportOptions): AuditInput {
  const { read, stored, duplicates, rejected, failure } = result;
  const details = { read, stored, duplicates, rejected, ...(options.collection && { collections: options.collection }), ...(failure && { failure: failure.message }) };
  return { actor: 'cli', action: 'objects.import', target: path.resolve(result.file), details };
}

function report(context: CliContext, results: FileResult[], options: ImportOptions): void {
  if (options.json) {
    writeJson(context.stdout, { files: results, total: totals(results) });
    return;
  }
  const out = context.stdout;
  for (const result of results) {
    writeLine(out, `${result.file}: read ${formatCount(result.read)}, stored ${formatCount(result.stored)}, `
      + `duplicates ${formatCount(result.duplicates)}, rejected ${formatCount(result.rejected)} `
      + `(${result.seconds.toFixed(2)} s, ${formatCount(result.objectsPerSecond)} objects/s)`);
    if (result.failure) writeLine(out, `  could not read to the end: ${result.failure.message}`);
    for (const rejection of result.rejections) {
      const where = `#${rejection.index} (line ${rejection.line}, byte ${rejection.offset})`;
      writeLine(out, `  rejected ${where}${rejection.id ? ` ${rejection.id}` : ''}:`);
      for (const problem of rejection.problems) {
        writeLine(out, `    ${problem.path ? `${problem.path}: ` : ''}${problem.message} [${problem.reason}]`);
      }
    }
    if (result.rejected > result.rejections.length) {
      writeLine(out, `  … and ${formatCount(result.rejected - result.rejections.length)} more rejections`);
    }
    const reasons = Object.entries(result.rejectedByReason).sort((a, b) => b[1] - a[1]);
    if (reasons.length > 0) writeLine(out, indent(formatTable(['rejected by reason', 'objects'], reasons)));
    const warnings = Object.entries(result.warningsByRule).sort((a, b) => b[1] - a[1]);
    if (warnings.length > 0) writeLine(out, indent(formatTable(['warnings by rule', 'count'], warnings)));
  }
  if (results.length > 1) {
    const total = totals(results);
    writeLine(out, `total: read ${formatCount(total.read)}, stored ${formatCount(total.stored)}, `
      + `duplicates ${formatCount(total.duplicates)}, rejected ${formatCount(total.rejected)}, `
      + `files that could not be read to the end ${total.failedFiles}`);
  }
}

function totals(results: FileResult[]) {
  const sum = (pick: (result: FileResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  return {
    files: results.length,
    failedFiles: results.filter((result) => result.failure).length,
    read: sum((result) => result.read),
    stored: sum((result) => result.stored),
    duplicates: sum((result) => result.duplicates),
    rejected: sum((result) => result.rejected),
    seconds: sum((result) => result.seconds),
  };
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
