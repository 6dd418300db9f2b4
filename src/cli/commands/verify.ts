import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { registeredKeys } from '../../federation/keys.ts';
import { LOCAL_STORE_FILE, openSqliteLocalStore } from '../../store/local/index.ts';
import { verifyStatementBundle, type StatementVerification } from '../../workflows/statements/verify.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeJson, writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

/** A statement bundle is a report, a few signatures and identities: anything this large is not one. */
const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

/**
 * `accord verify FILE`: checks every co-signature of a joint statement bundle
 * (as the public pages and `accord statement export` give it) over the RFC 8785
 * canonical JSON of the report. Exit 0 only when every signature verifies,
 * 1 when any does not (or the bundle breaks a rule), 2 when the file is not a
 * statement bundle at all.
 */
export function registerVerify(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  program
    .command('verify')
    .argument('<file>', 'a statement bundle (JSON), or - for standard input')
    .description('verify every co-signature of a joint public statement bundle (the statement report, its accord-signature objects and the signers\' identities)')
    .option('--json', 'print the verification as JSON: {"ok", "statementId", "signatures": [{"signer", "signerName", "fingerprint", "valid", "reason"}], "problems"}')
    .addHelpText('after', `
With an explicit --data DIR, each signer's key must also be the one registered on that node:
the partners' public keys (accord partner add --public-key), and the node's own key for its identity.

Exit codes: 0 every signature verifies, 1 a signature or the bundle fails (the problems are printed),
2 the file cannot be read or is not a statement bundle.`)
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const bundle = statementBundleOf(file, await readInput(file));
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const explicitData = command.parent?.getOptionValueSource('data') === 'cli';
      const result = explicitData ? verifyStatementBundle(bundle, { expectedKeys: registeredKeysIn(data) }) : verifyStatementBundle(bundle);
      if (options.json) writeJson(context.stdout, result);
      else writeVerification(context.stdout, result, explicitData ? data : undefined);
      done(result.ok ? ExitCode.OK : ExitCode.REJECTED);
    });
}

async function readInput(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    if (file !== '-') return await readBounded(file);
    for await (const chunk of process.stdin) {
      bytes += (chunk as Buffer).length;
      if (bytes > MAX_BUNDLE_BYTES) throw new AppError(ErrorCode.INPUT_TOO_LARGE, `standard input is larger than ${MAX_BUNDLE_BYTES} bytes: not a statement bundle`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.INPUT_UNREADABLE, `cannot read ${file === '-' ? 'standard input' : file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, undefined, { cause: error });
  }
}

async function readBounded(file: string): Promise<string> {
  const content = await readFile(file);
  if (content.length > MAX_BUNDLE_BYTES) throw new AppError(ErrorCode.INPUT_TOO_LARGE, `${file} is larger than ${MAX_BUNDLE_BYTES} bytes: not a statement bundle`);
  return content.toString('utf8');
}

/** The parsed bundle, or a precise input error: not JSON, not a STIX bundle, or a bundle without a statement report. */
function statementBundleOf(file: string, text: string): unknown {
  const name = file === '-' ? 'standard input' : file;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError(ErrorCode.INPUT_MALFORMED_JSON, `${name} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'bundle' || !Array.isArray((value as { objects?: unknown }).objects)) {
    throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE, `${name} is not a STIX bundle: expected {"type": "bundle", "objects": [...]} holding the statement report, its signatures and the signers' identities`);
  }
  const objects = (value as { objects: unknown[] }).objects;
  if (!objects.some((object) => typeof object === 'object' && object !== null && (object as { type?: unknown }).type === 'report')) {
    throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE, `${name} holds no statement: a statement bundle holds one report (the statement), its accord-signature objects and the signers' identities`);
  }
  return value;
}

/** The keys registered on the node in `dataDir`, by identity id: each partner's, and the node's own. */
function registeredKeysIn(dataDir: string): Map<string, string> {
  const file = path.join(dataDir, LOCAL_STORE_FILE);
  // Opening would create an empty node: a mistyped --data must not verify against "no partners".
  if (!existsSync(file)) throw new AppError(ErrorCode.CLI_USAGE, `--data ${dataDir} is not a node's data directory (no ${LOCAL_STORE_FILE}): give the directory of the node whose registered partner keys should be required`);
  const local = openSqliteLocalStore({ path: file });
  try {
    return registeredKeys(local);
  } finally {
    local.close();
  }
}

function writeVerification(out: NodeJS.WritableStream, result: StatementVerification, dataDir: string | undefined): void {
  writeLine(out, `statement ${result.statementId ?? '(none found)'}${dataDir === undefined ? '' : ` (keys required to be those registered in ${dataDir})`}`);
  for (const signature of result.signatures) {
    const who = signature.signerName === undefined ? signature.signer : `${signature.signerName} (${signature.signer})`;
    writeLine(out, `  ${signature.valid ? 'valid  ' : 'INVALID'}  ${who}`);
    writeLine(out, `           key ${signature.fingerprint ?? 'none given'}`);
    if (signature.reason !== undefined) writeLine(out, `           ${signature.reason}`);
  }
  for (const problem of result.problems) writeLine(out, `  problem: ${problem}`);
  const valid = result.signatures.filter((signature) => signature.valid).length;
  writeLine(out, result.ok
    ? `verified: all ${valid} signature${valid === 1 ? '' : 's'} valid`
    : `NOT VERIFIED: ${valid} of ${result.signatures.length} signature${result.signatures.length === 1 ? '' : 's'} valid, ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
}
