import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { assessLegal, checkLegalFacts, legalRule, LEGAL_FACTS_SCHEMA, type Conclusion, type LegalAssessment, type LegalFacts } from '../../workflows/legal/index.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeJson, writeLine } from '../output.ts';

/** `accord legal assess FACTS.json [--json]` and `accord legal schema` (docs/legal.md). */
export function registerLegal(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const legal = program.command('legal').description('legal assessment of an incident and its attribution case (decision support, not legal advice)');

  legal
    .command('assess')
    .description('assess the facts of an incident: rules engaged, attribution, wrongful act, responses open, IHL; each with reasoning and citations')
    .argument('<facts>', 'the facts as JSON (see `accord legal schema`); - reads standard input')
    .option('--json', 'print the assessment as JSON')
    .addHelpText('after', '\nExit codes: 0 assessed, 2 the file could not be read or is not JSON, 64 the facts break the form (every problem is listed).')
    .action(async (file: string, options: { json?: boolean }) => {
      const facts = await readFacts(file);
      const assessment = assessLegal(facts);
      if (options.json) writeJson(context.stdout, assessment);
      else writeAssessment(context.stdout, assessment);
      done(ExitCode.OK);
    });

  legal
    .command('schema')
    .description('print the JSON Schema of the facts')
    .action(() => {
      writeJson(context.stdout, LEGAL_FACTS_SCHEMA);
      done(ExitCode.OK);
    });
}

async function readFacts(file: string): Promise<LegalFacts> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError(ErrorCode.INPUT_UNREADABLE, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, undefined, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError(ErrorCode.INPUT_MALFORMED_JSON, `${file} is not JSON: ${(error as Error).message}`);
  }
  const problems = checkLegalFacts(value);
  if (problems.length > 0) {
    throw new AppError(ErrorCode.CLI_USAGE, `${file}: the facts break the form (see \`accord legal schema\`):\n${problems.map((problem) => `  ${problem.path}: ${problem.message} [${problem.rule}]`).join('\n')}`, { problems });
  }
  return value as LegalFacts;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const VERDICT_WORDS: Readonly<Record<Conclusion['verdict'], string>> = { yes: 'YES', no: 'NO', 'cannot-determine': 'CANNOT DETERMINE' };

function writeAssessment(stream: NodeJS.WritableStream, assessment: LegalAssessment): void {
  writeLine(stream, `Legal assessment (${assessment.engine_version}): ${assessment.label.toUpperCase()}`);
  if (assessment.facts.incident?.name !== undefined) writeLine(stream, `Incident: ${assessment.facts.incident.name}`);
  for (const conclusion of assessment.conclusions) {
    writeLine(stream);
    writeLine(stream, `[${VERDICT_WORDS[conclusion.verdict]}] ${conclusion.id}: ${conclusion.question}`);
    conclusion.steps.forEach((step, index) => writeLine(stream, `  ${index + 1}. ${step}`));
    for (const fact of conclusion.decided_by ?? []) writeLine(stream, `  decided by ${fact.path}: ${fact.why}`);
    for (const factor of conclusion.factors ?? []) writeLine(stream, `  factor ${factor.factor}: ${factor.bearing} (${factor.reason})`);
    for (const condition of conclusion.conditions ?? []) writeLine(stream, `  condition: ${condition.text} (${condition.citations.join(', ')})`);
    for (const caveat of conclusion.caveats ?? []) writeLine(stream, `  caveat: ${caveat}`);
    writeLine(stream, `  facts: ${conclusion.facts.length > 0 ? conclusion.facts.join(', ') : 'none'}`);
    writeLine(stream, `  cites: ${conclusion.citations.map((id) => `${id} (${legalRule(id).instrument}, ${legalRule(id).provision})`).join('; ')}`);
  }
  for (const override of assessment.overrides) writeLine(stream, `override ${override.conclusion} → ${override.verdict} by ${override.by} at ${override.at}: ${override.reason}`);
  writeLine(stream);
  writeLine(stream, assessment.disclaimer);
}
