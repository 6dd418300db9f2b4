import { type Command, Option } from 'commander';
import { AppError, ErrorCode, isAppError } from '../../common/errors.ts';
import type { Pattern, PatternDiagnostic, StixVersion } from '../../pattern/index.ts';
import { findMatch, parsePattern } from '../../pattern/index.ts';
import { testsOf } from '../../pattern/semantic/walk.ts';
import { readBundle } from '../../stix/bundle-reader.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { readFileCounting } from '../input-files.ts';
import { formatCount, writeJson, writeLine } from '../output.ts';

interface PatternOptions {
  stixVersion: StixVersion;
  json?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

const versionOption = (): Option =>
  new Option('--stix-version <version>', 'the patterning grammar and object definitions to apply').choices(['2.0', '2.1']).default('2.1');

export function registerPattern(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const pattern = program.command('pattern').description('check STIX patterns and match them against observed-data');

  pattern
    .command('check')
    .description('check a STIX pattern: syntax errors, and warnings against the STIX 2.1 cyber-observable definitions')
    .argument('<pattern>', "the pattern, e.g. \"[file:name = 'a.exe']\"; - reads it from standard input")
    .addOption(versionOption())
    .option('--json', 'print {ok, errors, warnings} as JSON')
    .addHelpText('after', '\nExit codes: 0 valid (warnings or not), 1 invalid.')
    .action(async (argument: string, options: PatternOptions) => {
      const text = await patternText(argument);
      const result = parsePattern(text, { stixVersion: options.stixVersion });
      if (options.json) {
        writeJson(context.stdout, { ok: result.ok, errors: result.errors, warnings: result.warnings });
      } else {
        writeDiagnostics(context.stdout, text, result.errors, result.warnings);
        writeLine(context.stdout, `${result.ok ? 'valid' : 'invalid'}${counts(result.errors, result.warnings)}`);
      }
      done(result.ok ? ExitCode.OK : ExitCode.REJECTED);
    });

  pattern
    .command('match')
    .description('match a STIX pattern against the observed-data in a file and print the observations that match')
    .argument('<pattern>', 'the pattern; - reads it from standard input')
    .argument('<file>', 'a STIX bundle (observed-data with the SCOs it refers to), a JSON array of bundles or observed-data, or one observed-data (.json or .json.gz); - reads standard input')
    .addOption(versionOption())
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExit codes: 0 matched, 3 no match, 1 the pattern does not parse or matching failed (e.g. WITHIN 0 SECONDS), 2 the file could not be read.')
    .action(async (argument: string, file: string, options: PatternOptions) => {
      if (argument === '-' && file === '-') throw new AppError(ErrorCode.CLI_USAGE, 'the pattern and the file cannot both come from standard input');
      const text = await patternText(argument);
      const result = parsePattern(text, { stixVersion: options.stixVersion });
      // Diagnostics go to stderr, so that standard output holds only the match.
      if (!options.json) writeDiagnostics(context.stderr, text, result.errors, result.warnings);
      // Without an AST there is nothing to evaluate. With one, validator findings (a duplicate
      // qualifier, a malformed hash) are shown but do not stop matching, as in the reference matcher.
      const ast = result.ast;
      if (!ast) {
        if (options.json) writeJson(context.stdout, { ok: false, matched: false, errors: result.errors, warnings: result.warnings });
        else writeLine(context.stderr, `invalid pattern${counts(result.errors, result.warnings)}`);
        done(ExitCode.REJECTED);
        return;
      }
      const observations = await readObservations(file, options.stixVersion);
      let bindings: readonly Obj[];
      try {
        bindings = findMatch(ast, observations.values, { stixVersion: options.stixVersion }).bindings ?? [];
      } catch (error) {
        if (!isAppError(error) || error.code !== ErrorCode.PATTERN_MATCH_ERROR) throw error;
        const details = error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`;
        if (options.json) writeJson(context.stdout, { ok: false, matched: false, errors: result.errors, warnings: result.warnings, error: { code: error.code, message: error.message, details: error.details } });
        else writeLine(context.stderr, `accord: match error: ${error.message}${details}`);
        done(ExitCode.REJECTED);
        return;
      }
      const matches = bindings.map((sdo) => describeMatch(sdo, ast, observations.byId));
      if (options.json) {
        writeJson(context.stdout, { ok: true, matched: matches.length > 0, observedData: observations.observedData, matches, errors: result.errors, warnings: result.warnings });
      } else if (matches.length === 0) {
        writeLine(context.stdout, `no match among ${formatCount(observations.observedData)} observed-data`);
      } else {
        writeLine(context.stdout, `matched ${matches.length} of ${formatCount(observations.observedData)} observed-data:`);
        for (const match of matches) writeMatch(context.stdout, match);
      }
      done(matches.length > 0 ? ExitCode.OK : ExitCode.NOT_FOUND);
    });
}

async function patternText(argument: string): Promise<string> {
  if (argument !== '-') return argument;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The line break an `echo` or a file adds is not part of the pattern.
  return Buffer.concat(chunks).toString('utf8').replace(/(\r?\n)+$/, '');
}

function counts(errors: readonly PatternDiagnostic[], warnings: readonly PatternDiagnostic[]): string {
  const parts = [[errors.length, 'error'], [warnings.length, 'warning']] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`).join(', ');
  return text ? ` (${text})` : '';
}

/** Each error as `line:column CODE message`, each warning as `line:column warning CODE message`, with the source line and a caret under the span. */
function writeDiagnostics(stream: NodeJS.WritableStream, text: string, errors: readonly PatternDiagnostic[], warnings: readonly PatternDiagnostic[]): void {
  const all = [...errors.map((d) => ({ d, label: '' })), ...warnings.map((d) => ({ d, label: 'warning ' }))]
    .sort((a, b) => a.d.span.start - b.d.span.start);
  for (const { d, label } of all) {
    writeLine(stream, `${d.line}:${d.column} ${label}${d.code} ${d.message}`);
    for (const line of caretLines(text, d)) writeLine(stream, `  ${line}`);
  }
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** The source line holding the diagnostic and a line with `^` under its column and `~` under the rest of its span on that line. */
export function caretLines(text: string, diagnostic: Pick<PatternDiagnostic, 'column' | 'span'>): [string, string] {
  const { start, end } = diagnostic.span;
  const lineStart = start - (diagnostic.column - 1);
  const rest = text.slice(lineStart);
  const breakAt = rest.search(LINE_BREAK);
  const line = breakAt < 0 ? rest : rest.slice(0, breakAt);
  const width = Math.max(1, Math.min(end, lineStart + line.length) - start);
  // Keep tabs, so the caret lines up however wide the terminal draws them.
  const pad = line.slice(0, diagnostic.column - 1).replace(/[^\t]/g, ' ');
  return [line, `${pad}^${'~'.repeat(width - 1)}`];
}

interface Observations {
  /** What findMatch reads. */
  readonly values: unknown[];
  readonly byId: ReadonlyMap<string, Obj>;
  readonly observedData: number;
}

/**
 * Reads the file once, streaming: a bundle's objects, an array's elements, or one object.
 * Bundles pass as they are; in STIX 2.1 the objects outside a bundle are read as one bundle,
 * so that `object_refs` between them resolve.
 */
async function readObservations(file: string, version: StixVersion): Promise<Observations> {
  const source = file === '-' ? process.stdin : readFileCounting(file, () => {});
  const values: unknown[] = [];
  const loose: Obj[] = [];
  const byId = new Map<string, Obj>();
  let observedData = 0;
  const note = (object: Obj): void => {
    if (typeof object.id === 'string') byId.set(object.id, object);
    if (object.type === 'observed-data') observedData++;
  };
  for await (const entries of readBundle(source)) {
    for (const entry of entries) {
      if (entry.kind === 'malformed') throw new AppError(entry.code, `${file}: ${entry.message}`);
      const value = entry.value;
      if (!isObj(value)) throw new AppError(ErrorCode.INPUT_NOT_A_BUNDLE, `${file}: element ${entry.index} is not a JSON object`);
      if (value.type === 'bundle') {
        values.push(value);
        if (Array.isArray(value.objects)) for (const object of value.objects) if (isObj(object)) note(object);
      } else if (version === '2.0') {
        values.push(value); // STIX 2.0 observed-data embed their objects
        note(value);
      } else {
        if (loose.length === 0) values.push({ type: 'bundle', objects: loose });
        loose.push(value);
        note(value);
      }
    }
  }
  return { values, byId, observedData };
}

interface MatchedObject {
  readonly type: string;
  /** The object's id (STIX 2.1 `object_refs`). */
  readonly id?: string;
  /** Its key in the observed-data's embedded `objects` (STIX 2.0). */
  readonly key?: string;
  /** The values of the properties the pattern names (their first path step). */
  readonly properties: Record<string, unknown>;
}

interface Match {
  readonly id: unknown;
  readonly first_observed: unknown;
  readonly last_observed: unknown;
  readonly number_observed: unknown;
  readonly objects: readonly MatchedObject[];
}

/** One observed-data of the binding, with its objects of the types the pattern names. */
function describeMatch(sdo: Obj, pattern: Pattern, byId: ReadonlyMap<string, Obj>): Match {
  const named = new Map<string, Set<string>>();
  for (const test of testsOf(pattern)) {
    const first = test.path.steps[0];
    const names = named.get(test.path.objectType) ?? new Set<string>();
    if (first?.kind === 'Key') names.add(first.name);
    named.set(test.path.objectType, names);
  }
  // STIX 2.0 embeds the objects (keyed by index); STIX 2.1 refers to them by id.
  const embedded = Object.entries(isObj(sdo.objects) ? sdo.objects : {}).map(([key, object]) => ({ key, object }));
  const referenced = (Array.isArray(sdo.object_refs) ? sdo.object_refs : []).map((id: unknown) => ({ id, object: typeof id === 'string' ? byId.get(id) : undefined }));
  const involved = [...embedded, ...referenced].flatMap(({ object, ...ref }): MatchedObject[] => {
    const names = isObj(object) && typeof object.type === 'string' ? named.get(object.type) : undefined;
    if (!isObj(object) || !names) return [];
    const properties = Object.fromEntries([...names].filter((name) => Object.hasOwn(object, name)).map((name) => [name, object[name]]));
    return [{ type: object.type as string, ...ref, properties } as MatchedObject];
  });
  return { id: sdo.id, first_observed: sdo.first_observed, last_observed: sdo.last_observed, number_observed: sdo.number_observed, objects: involved };
}

function writeMatch(stream: NodeJS.WritableStream, match: Match): void {
  writeLine(stream, `  ${String(match.id ?? '(no id)')}  ${String(match.first_observed)} .. ${String(match.last_observed)}  number_observed ${String(match.number_observed)}`);
  for (const object of match.objects) {
    const values = Object.entries(object.properties).map(([name, value]) => `${name}=${shorten(JSON.stringify(value))}`);
    writeLine(stream, `    ${object.id ?? `${object.type} (object ${object.key})`}${values.length > 0 ? `  ${values.join(' ')}` : ''}`);
  }
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
