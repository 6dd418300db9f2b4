import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { removeAgreement, setAgreement } from '../../federation/agreement-changes.ts';
import { ANY, type AgreementInput } from '../../federation/agreements.ts';
import type { SharingAgreement } from '../../federation/model.ts';
import { unknownPartner } from '../../federation/partners.ts';
import type { NodeStores } from '../../store/data-dir.ts';
import type { CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import { formatFields, notFound, valueOrUsageError, withNode } from './federation-config.ts';

/** `agreement set`'s options: the agreement's fields as typed (lists comma-separated). */
interface SetOptions extends Omit<AgreementInput, 'partner'> {
  json?: boolean;
}

/** How an agreement reads to someone who did not write it: what flows, which way, under which TLP, and why. */
interface Described {
  direction: string;
  what: string;
  tlp: string;
  onward: string;
}

const unknownAgreement = (id: string): string => `there is no agreement "${id}" (see \`accord agreement list\`)`;

const DIRECTION_TEXT = { outbound: 'outbound: we share', inbound: 'inbound: we accept' } as const;

function describe(agreement: SharingAgreement, titles: ReadonlyMap<string, string>): Described {
  const types = agreement.objectTypes.includes(ANY) ? 'all objects' : agreement.objectTypes.join(', ');
  const collections = agreement.collections.includes(ANY) ? 'every collection' : agreement.collections.map((id) => titles.get(id) ?? id).join(', ');
  return {
    direction: DIRECTION_TEXT[agreement.direction],
    what: `${types} in ${collections}`,
    tlp: agreement.tlp.map((level) => level.toUpperCase()).join(', '),
    onward: agreement.onward ? `yes (${agreement.direction === 'inbound' ? 'we may pass on' : 'they may pass on'} CLEAR and GREEN only)` : 'no',
  };
}

async function collectionTitles(node: NodeStores): Promise<Map<string, string>> {
  return new Map((await node.store.listCollections()).map((collection) => [collection.id, collection.title]));
}

function showAgreement(agreement: SharingAgreement, titles: ReadonlyMap<string, string>): string {
  const text = describe(agreement, titles);
  return formatFields([
    ['agreement', agreement.id],
    ['partner', agreement.partner],
    ['direction', text.direction],
    ['what', text.what],
    ['TLP', text.tlp],
    ['onward', text.onward],
    ['basis', agreement.basis],
    ['updated', agreement.updatedAt],
  ]);
}

export function registerAgreement(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const agreement = program.command('agreement').description('sharing agreements: for each partner and direction, which collections, object types and TLP levels flow, and what may go onward (docs/federation.md)');
  agreement
    .command('set')
    .description('create or change an agreement with a partner (options not given keep their values; a new agreement shares every collection and type at TLP:CLEAR and GREEN, nothing onward)')
    .argument('<partner>', 'the partner (`accord partner list`)')
    .requiredOption('--direction <direction>', 'outbound (what we share with the partner) or inbound (what we accept from it)')
    .option('--id <id>', 'the agreement to create or change (default: the partner\'s only one in that direction, else a new one named PARTNER-DIRECTION)')
    .option('--collections <ids>', 'collection ids, comma-separated, or * for all')
    .option('--types <types>', 'STIX object types, comma-separated (indicator,malware), or * for all')
    .option('--tlp <levels>', 'TLP levels that may flow, comma-separated: clear, green, amber, amber+strict, red')
    .option('--onward <yes|no>', 'whether what flows may be passed on to other partners (only ever TLP:CLEAR and GREEN)')
    .option('--basis <text>', 'the joint statement or MoU the agreement implements ("" clears it)')
    .option('--json', 'print the agreement as JSON')
    .action(async (partner: string, options: SetOptions, command: Command) => {
      const { json: _, ...fields } = options;
      const input: AgreementInput = { partner, ...fields };
      const { agreement: stored, created, titles } = await withNode(command, async (node) => {
        const titles = await collectionTitles(node);
        const { agreement, created } = valueOrUsageError(setAgreement(node, 'cli', input, new Set(titles.keys())), context);
        return { agreement, created, titles };
      });
      if (options.json) writeJson(context.stdout, { ...stored, created });
      else {
        writeLine(context.stdout, `agreement ${stored.id} ${created ? 'created' : 'changed'}:`);
        writeLine(context.stdout, showAgreement(stored, titles));
      }
      done(ExitCode.OK);
    });
  agreement
    .command('list')
    .description('list agreements: partner, direction, what, TLP, onward, basis')
    .option('--partner <name>', 'only this partner\'s agreements')
    .option('--json', 'print as JSON')
    .action(async (options: { partner?: string; json?: boolean }, command: Command) => {
      const { agreements, titles } = await withNode(command, async (node) => {
        if (options.partner !== undefined && node.local.partner(options.partner) === undefined) {
          throw new AppError(ErrorCode.CLI_USAGE, unknownPartner(options.partner));
        }
        return { agreements: node.local.listAgreements(options.partner), titles: await collectionTitles(node) };
      });
      if (options.json) writeJson(context.stdout, agreements);
      else if (agreements.length === 0) writeLine(context.stdout, 'no agreements yet: nothing is shared or accepted (`accord agreement set PARTNER --direction outbound|inbound …`)');
      else {
        writeLine(context.stdout, formatTable(['agreement', 'partner', 'direction', 'what', 'TLP', 'onward', 'basis'], agreements.map((found) => {
          const text = describe(found, titles);
          return [found.id, found.partner, text.direction, text.what, text.tlp, found.onward ? 'yes' : 'no', found.basis ?? ''];
        })));
      }
      done(ExitCode.OK);
    });
  agreement
    .command('show')
    .description('one agreement in full')
    .argument('<id>', 'the agreement id (`accord agreement list`)')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const found = await withNode(command, async (node) => {
        const stored = node.local.agreement(id);
        return stored && { agreement: stored, titles: await collectionTitles(node) };
      });
      if (found === undefined) {
        notFound(context, done, unknownAgreement(id));
        return;
      }
      if (options.json) writeJson(context.stdout, found.agreement);
      else writeLine(context.stdout, showAgreement(found.agreement, found.titles));
      done(ExitCode.OK);
    });
  agreement
    .command('remove')
    .description('end an agreement: nothing flows under it any more')
    .argument('<id>', 'the agreement id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const removed = await withNode(command, (node) => removeAgreement(node, 'cli', id));
      if (!removed) {
        notFound(context, done, unknownAgreement(id));
        return;
      }
      writeLine(context.stdout, `agreement ${id} removed`);
      done(ExitCode.OK);
    });
}
