import { SingleBar } from 'cli-progress';
import type { CliContext } from './context.ts';

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

const numberFormat = new Intl.NumberFormat('en-GB');

export function formatCount(value: number): string {
  return numberFormat.format(Math.round(value));
}

/** Left-aligned columns padded to the widest cell; numbers right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatCount(cell) : cell)))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => String(row[column] ?? '').length)));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  return cells
    .map((row) => row.map((cell, column) => {
      const text = String(cell ?? '');
      return numeric[column] ? text.padStart(widths[column]!) : text.padEnd(widths[column]!);
    }).join('  ').trimEnd())
    .join('\n');
}

export interface Progress {
  update(done: number, objects: number): void;
  stop(): void;
}

/**
 * A progress bar with objects/s on stderr when it is a terminal, and nothing
 * in a pipe (so logs and `--json` output stay clean). Widths come from the
 * terminal; a terminal that reports no width gets none (cli-progress copes).
 */
export function createProgress(context: CliContext, label: string, total: number): Progress {
  if (!context.stderr.isTTY) return { update() {}, stop() {} };
  const started = performance.now();
  const bar = new SingleBar({
    stream: context.stderr,
    format: `${label} [{bar}] {percentage}% | {objects} objects | {rate} objects/s`,
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  });
  bar.start(Math.max(total, 1), 0, { objects: '0', rate: '0' });
  return {
    update(done, objects) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(Math.min(done, total), { objects: formatCount(objects), rate: formatCount(seconds > 0 ? objects / seconds : 0) });
    },
    stop() {
      bar.stop();
    },
  };
}
