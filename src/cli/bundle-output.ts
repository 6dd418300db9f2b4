import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { newIdentifier } from '../stix/identifier.ts';

/**
 * Streams a bundle (STIX 2.1 §8) of objects given as JSON text, one per line,
 * each unchanged (so an export re-imports to the same bytes). Returns the count.
 */
export async function writeBundle(objects: AsyncIterable<string>, sink: NodeJS.WritableStream): Promise<number> {
  const write = async (text: string): Promise<void> => {
    if (!sink.write(text)) await once(sink, 'drain');
  };
  await write(`{"type":"bundle","id":"${newIdentifier('bundle')}","objects":[`);
  let count = 0;
  for await (const json of objects) {
    await write(`${count === 0 ? '\n' : ',\n'}${json}`);
    count++;
  }
  await write('\n]}\n');
  return count;
}

/**
 * Writes a bundle to `file` through `FILE.partial`, renamed at the end, so a
 * failure leaves no half-written bundle; a name ending in `.gz` is compressed.
 */
export async function writeBundleFile(objects: AsyncIterable<string>, file: string): Promise<number> {
  const partial = `${file}.partial`;
  const output = createWriteStream(partial);
  const sink = file.endsWith('.gz') ? createGzip() : output;
  if (sink !== output) sink.pipe(output);
  try {
    const count = await writeBundle(objects, sink);
    sink.end();
    await finished(output);
    renameSync(partial, file);
    return count;
  } catch (error) {
    output.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}
