import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { Partner } from '../../federation/model.ts';
import { localPolicySource } from '../../federation/policy.ts';
import { runSync, syncStatus, type PartnerIngest, type SyncNode } from '../../federation/sync/sync.ts';
import { partnerAdmission } from '../../server/access.ts';
import { addObjects } from '../../server/add-objects.ts';
import type { NodeStores } from '../../store/data-dir.ts';
import type { SyncDirection } from '../../store/local/local-store.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import { withNode } from './federation-config.ts';

/**
 * A node's sync engine (federation/sync) wired to the path a partner's Add Objects
 * takes on its server: inbound agreements, provenance first, then validated ingest.
 * The demo and any scheduler use this too.
 */
export function nodeSync(node: Pick<NodeStores, 'store' | 'local' | 'audit'>): SyncNode {
  const policy = localPolicySource(node.local, { audit: node.audit });
  const ingest: PartnerIngest = async (partner: Partner, collectionId: string, objects: readonly unknown[]) => {
    const status = await addObjects(node.store, collectionId, objects, {
      audit: { log: node.audit, actor: `partner:${partner.name}` },
      inbound: partnerAdmission(partner, policy, collectionId),
    });
    return { accepted: status.success_count, refused: status.failure_count };
  };
  return { store: node.store, local: node.local, audit: node.audit, ingest, policy };
}

/** `accord sync [PARTNER]` and `accord sync status` (docs/federation.md "Sync"). */
export function registerSync(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const sync = program
    .command('sync')
    .description('exchange objects with partner nodes once: pull what they share, push what they may read (signed; resumable)')
    .argument('[partner]', 'one partner (default: every partner with a node URL)')
    .option('--pull-only', 'only pull')
    .option('--push-only', 'only push')
    .option('--json', 'print one report per partner and direction as JSON')
    .action(async (partner: string | undefined, options: { pullOnly?: boolean; pushOnly?: boolean; json?: boolean }, command: Command) => {
      if (options.pullOnly && options.pushOnly) throw new AppError(ErrorCode.CLI_USAGE, 'give --pull-only or --push-only, not both');
      const directions: SyncDirection[] = options.pullOnly ? ['pull'] : options.pushOnly ? ['push'] : ['pull', 'push'];
      const reports = await withNode(command, (node) => runSync(nodeSync(node), { ...(partner !== undefined && { partner }), directions }));
      if (options.json) writeJson(context.stdout, reports);
      else if (reports.length === 0) writeLine(context.stdout, 'no partner has a node URL to sync with');
      else {
        writeLine(context.stdout, formatTable(['partner', 'direction', 'objects', 'accepted', 'refused', 'withheld', 'result'],
          reports.map((report) => [report.partner, report.direction, report.objects, report.accepted, report.refused, report.withheld,
            report.errors.length === 0 ? 'ok' : `error: ${report.errors.map((error) => error.message).join('; ')}`])));
      }
      done(reports.some((report) => report.errors.length > 0) ? ExitCode.REJECTED : ExitCode.OK);
    });
  sync
    .command('status')
    .description('per partner and direction: last success, last error, lag and cursors')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const links = await withNode(command, (node) => syncStatus(node));
      // `accord sync --json status` and `accord sync status --json` alike (the parent has --json too).
      if (options.json || command.parent?.opts<{ json?: boolean }>().json) writeJson(context.stdout, links);
      else if (links.length === 0) writeLine(context.stdout, 'no partner has a node URL to sync with');
      else {
        writeLine(context.stdout, formatTable(['partner', 'direction', 'last success', 'lag', 'last error'],
          links.map((link) => [link.partner, link.direction, link.lastSuccessAt ?? 'never', link.lagSeconds === null ? '-' : `${link.lagSeconds} s`, link.lastError ?? ''])));
      }
      done(ExitCode.OK);
    });
}
