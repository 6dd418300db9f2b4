import { type Command, InvalidArgumentError } from 'commander';
import type { AuditCheckpoint, AuditQuery } from '../../store/audit/audit-log.ts';
import { openNode } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import { parsePositiveInteger, type GlobalOptions } from './options.ts';

const CHECKPOINT = /^(\d+):([0-9a-fA-F]{64})$/;

function parseCheckpoint(value: string): AuditCheckpoint {
  const match = CHECKPOINT.exec(value);
  if (match === null || Number(match[1]) < 1) throw new InvalidArgumentError('expected SEQ:HASH, e.g. 1200:<the 64 hex digits an earlier `accord audit verify` printed as head>');
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

export function registerAudit(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const audit = program.command('audit').description('the node\'s hash-chained audit trail (docs/audit.md)');
  audit
    .command('verify')
    .description('recompute every entry\'s hash and link and check the chain against its head anchor')
    .option('--expect <seq:hash>', 'also require entry SEQ to still have HASH (a head recorded outside the node)', parseCheckpoint)
    .option('--json', 'print {"ok", "entries", "head"} or {"ok", "entries", "firstBad", "reason"}')
    .addHelpText('after', '\nExit codes: 0 the chain is intact, 1 it is broken (the first bad seq and why are printed).')
    .action(async (options: { expect?: AuditCheckpoint; json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const node = await openNode(data);
      let result;
      try {
        result = node.audit.verify(options.expect === undefined ? {} : { expect: options.expect });
      } finally {
        await node.close();
      }
      if (options.json) writeJson(context.stdout, result);
      else if (result.ok) writeLine(context.stdout, `chain intact: ${result.entries} entries, head ${result.head}`);
      else writeLine(context.stdout, `chain broken at seq ${result.firstBad} (${result.entries} entries stored): ${result.reason}`);
      // Exit 1, as `import` does when something was refused: scripts test `accord audit verify || alert`.
      done(result.ok ? ExitCode.OK : ExitCode.REJECTED);
    });
  audit
    .command('list')
    .description('list entries, oldest first')
    .option('--after <seq>', 'entries after this seq (page on with the last seq shown)', parsePositiveInteger)
    .option('--limit <n>', 'at most this many entries', parsePositiveInteger, 100)
    .option('--action <action>', 'only this action, e.g. key.create')
    .option('--text <text>', 'only entries whose actor, target or details contain this (any case)')
    .option('--json', 'print the entries as JSON, with their hashes')
    .action(async (options: AuditQuery & { json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      const { json, ...query } = options;
      const node = await openNode(data);
      let entries;
      try {
        entries = node.audit.list(query);
      } finally {
        await node.close();
      }
      if (json) writeJson(context.stdout, entries);
      else {
        const rows = entries.map((entry) => [String(entry.seq), entry.at, entry.actor, entry.action, entry.target ?? '', entry.details === undefined ? '' : JSON.stringify(entry.details)]);
        writeLine(context.stdout, formatTable(['seq', 'at', 'actor', 'action', 'target', 'details'], rows));
      }
      done(ExitCode.OK);
    });
}
