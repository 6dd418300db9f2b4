import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { Checked } from '../../federation/model.ts';
import type { AuditInput } from '../../store/audit/audit-log.ts';
import { openNode, type NodeStores } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

/**
 * What `accord identity`, `partner` and `agreement` share: opening the node of
 * `--data`, turning checked input into a usage error, and auditing each change.
 */

/** Runs `work` with the node of the command's `--data` open, and closes it whatever happens. */
export async function withNode<T>(command: Command, work: (node: NodeStores) => Promise<T> | T): Promise<T> {
  const { data } = command.optsWithGlobals<GlobalOptions>();
  const node = await openNode(data);
  try {
    return await work(node);
  } finally {
    await node.close();
  }
}

/** The checked value; its warnings go to stderr. Problems become one usage error (exit 64), one per line. */
export function valueOrUsageError<T>(checked: Checked<T>, context: CliContext): T {
  if (!checked.ok) throw new AppError(ErrorCode.CLI_USAGE, checked.problems.join('\naccord: '));
  for (const warning of checked.warnings) writeLine(context.stderr, `accord: warning: ${warning}`);
  return checked.value;
}

/** Every partner, agreement and key change goes to the node's audit trail, acted by the command line. */
export function recordChange(node: NodeStores, entry: Omit<AuditInput, 'actor'>): void {
  node.audit.append({ actor: 'cli', ...entry });
}

/** One `label  value` line per field, labels padded to the widest; fields without a value are left out. */
export function formatFields(fields: readonly (readonly [string, string | undefined])[]): string {
  const shown = fields.filter((field): field is readonly [string, string] => field[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

/** Says what was not found (and where to look) on stderr, and ends the command with exit 3. */
export function notFound(context: CliContext, done: (code: ExitCode) => void, message: string): void {
  writeLine(context.stderr, `accord: ${message}`);
  done(ExitCode.NOT_FOUND);
}
