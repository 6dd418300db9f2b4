import assert from 'node:assert/strict';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { processContext, type CliContext } from '../src/cli/context.ts';
import { runCli } from '../src/cli/main.ts';
import { temporaryDirectory } from './support/cli.ts';
import { sharedPath } from './support/shared.ts';

/** A stream that says it is a terminal, as process.stderr does on one. */
function terminal(): { stream: PassThrough & { isTTY: boolean; columns: number }; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100, cursorTo() { return true; }, clearLine() { return true; }, moveCursor() { return true; } });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('accord import on a terminal', () => {
  const { dir, cleanup } = temporaryDirectory();
  after(cleanup);

  it('shows a progress bar with objects/s on stderr, and the summary on stdout', async () => {
    const stderr = terminal();
    const stdout = new PassThrough();
    stdout.resume();
    const context: CliContext = { ...processContext(), stdout, stderr: stderr.stream };
    const file = sharedPath('datasets', 'mobile-attack.json.gz');
    const code = await runCli(['--data', path.join(dir, 'node'), 'import', file, '--batch-size', '100'], context);
    assert.equal(code, 0);
    assert.match(stderr.text(), /mobile-attack\.json\.gz \[.*\] \d+% \| [\d,]+ objects \| [\d,]+ objects\/s/);
  });
});
