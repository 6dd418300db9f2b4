import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError, ErrorCode } from '../common/errors.ts';

const BUNDLE_FILE = /\.json(\.gz)?$/i;

/**
 * The bundle files named on the command line: files as given, directories
 * searched recursively for `.json` and `.json.gz` files, in name order.
 */
export function expandInputs(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new AppError(ErrorCode.INPUT_UNREADABLE, `cannot read ${input}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
      files.push(input);
      continue;
    }
    const found = readdirSync(input, { recursive: true, encoding: 'utf8' })
      .filter((name) => BUNDLE_FILE.test(name))
      .map((name) => path.join(input, name))
      .filter((file) => statSync(file).isFile())
      .sort();
    if (found.length === 0) throw new AppError(ErrorCode.INPUT_UNREADABLE, `${input} holds no .json or .json.gz files`);
    files.push(...found);
  }
  return files;
}

/** A file's bytes, reporting how many have been read so far (for progress on compressed input). */
export async function* readFileCounting(file: string, onBytes: (bytes: number) => void): AsyncGenerator<Buffer> {
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      bytes += (chunk as Buffer).length;
      onBytes(bytes);
      yield chunk as Buffer;
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError(ErrorCode.INPUT_UNREADABLE, `cannot read ${file}: ${reason}`, undefined, { cause: error });
  }
}
