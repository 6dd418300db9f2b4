import { Command, CommanderError } from 'commander';
import { isAppError, type ErrorCode } from '../common/errors.ts';
import { registerWorkflowChecks } from '../workflows/extensions/index.ts';
import { registerAgreement } from './commands/agreement.ts';
import { registerAudit } from './commands/audit.ts';
import { registerCollection } from './commands/collection.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerIdentity } from './commands/identity.ts';
import { registerImport } from './commands/import.ts';
import { registerInit } from './commands/init.ts';
import { registerKey } from './commands/key.ts';
import { registerLegal } from './commands/legal.ts';
import { registerMatch } from './commands/match.ts';
import { registerNorms } from './commands/norms.ts';
import { registerPartner } from './commands/partner.ts';
import { registerPattern } from './commands/pattern.ts';
import { registerSearch } from './commands/search.ts';
import { registerServe } from './commands/serve.ts';
import { registerShow } from './commands/show.ts';
import { registerStats } from './commands/stats.ts';
import { registerSync } from './commands/sync.ts';
import { registerTaxii } from './commands/taxii.ts';
import { registerUser } from './commands/user.ts';
import { registerVerify } from './commands/verify.ts';
import { DEFAULT_DATA_DIR, exitQuietlyOnClosedPipe, processContext, type CliContext } from './context.ts';
import { ExitCode } from './exit-codes.ts';
import { writeLine } from './output.ts';

/** The exit code for each error that reaches the top; any other is INTERNAL. */
const EXIT_CODE_OF_ERROR: Partial<Record<ErrorCode, ExitCode>> = {
  INPUT_MALFORMED_JSON: ExitCode.INPUT_FAILED,
  INPUT_BAD_COMPRESSION: ExitCode.INPUT_FAILED,
  INPUT_NOT_A_BUNDLE: ExitCode.INPUT_FAILED,
  INPUT_TOO_LARGE: ExitCode.INPUT_FAILED,
  INPUT_UNREADABLE: ExitCode.INPUT_FAILED,
  STORE_NOT_FOUND: ExitCode.NOT_FOUND,
  STORE_BAD_FILTER: ExitCode.USAGE,
  CLI_USAGE: ExitCode.USAGE,
  WORKFLOW_BAD_INPUT: ExitCode.USAGE,
  WORKFLOW_REFUSED: ExitCode.USAGE,
  CORRELATION_BAD_OPTIONS: ExitCode.USAGE,
};

/** Runs `accord` with `argv` (without node and script) and resolves to the exit code. */
export { exitQuietlyOnClosedPipe };

export async function runCli(argv: readonly string[], context: CliContext = processContext()): Promise<ExitCode> {
  registerWorkflowChecks();
  let exitCode: ExitCode = ExitCode.OK;
  const done = (code: ExitCode): void => {
    exitCode = code;
  };
  const program = new Command('accord')
    .description('Accord: a node of the federated cyber co-operation platform (STIX 2.1, TAXII 2.1, TLP 2.0)')
    .option('--data <dir>', 'the node\'s data directory', process.env.ACCORD_DATA ?? DEFAULT_DATA_DIR)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  for (const register of [registerImport, registerExport, registerStats, registerSearch, registerShow,
    registerInit, registerUser, registerKey, registerCollection, registerServe, registerTaxii, registerMatch, registerPattern,
    registerIdentity, registerPartner, registerAgreement, registerAudit, registerDemo, registerSync, registerVerify, registerLegal, registerNorms]) {
    register(program, context, done);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (isAppError(error)) {
      writeLine(context.stderr, `accord: ${error.message}`);
      return EXIT_CODE_OF_ERROR[error.code] ?? ExitCode.INTERNAL;
    }
    writeLine(context.stderr, `accord: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return ExitCode.INTERNAL;
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  exitQuietlyOnClosedPipe();
  process.exitCode = await runCli(process.argv.slice(2));
}
