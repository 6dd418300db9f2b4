import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { processContext, type CliContext } from '../../src/cli/context.ts';
import { runCli } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs `accord` in-process with captured output (not a terminal, as in a pipe). */
export async function accord(...argv: string[]): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const context: CliContext = { ...processContext(), stdout: stdout.stream, stderr: stderr.stream };
  const code = await runCli(argv, context);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function temporaryDirectory(prefix = 'accord-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
