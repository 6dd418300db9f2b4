import type { Command } from 'commander';
import { isAppError, ErrorCode } from '../../common/errors.ts';
import { NORMS, suggestForIncident, type NormSuggestion, type StoredSuggestions } from '../../workflows/norms/index.ts';
import { withStore, type CliContext } from '../context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatTable, writeJson, writeLine } from '../output.ts';
import type { GlobalOptions } from './options.ts';

/**
 * `accord norms list` (the UN GGE 2015 norms, A/70/174 para. 13) and
 * `accord norms suggest INCIDENT_ID` (the norms an incident in the node's
 * store engages, each with the rules that fired and the facts they matched).
 */
export function registerNorms(program: Command, context: CliContext, done: (code: ExitCode) => void): void {
  const norms = program.command('norms').description('the UN GGE 2015 norms of responsible state behaviour (A/70/174 para. 13) and the norms incidents engage');

  norms
    .command('list')
    .description('print the catalogue of the eleven norms: id (13a … 13k), title, citation')
    .option('--json', 'print [{"id", "title", "citation", "summary"}] as JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) writeJson(context.stdout, NORMS.map(({ id, title, citation, summary }) => ({ id, title, citation, summary })));
      else writeLine(context.stdout, formatTable(['ID', 'TITLE', 'CITATION'], NORMS.map((norm) => [norm.id, norm.title, norm.citation])));
      done(ExitCode.OK);
    });

  norms
    .command('suggest')
    .argument('<incident-id>', 'the id of an incident in the node\'s store (incident--…)')
    .description('suggest the norms an incident engages, from its category, sectors, countries, impact and its attribution case, with the rule that fired for each')
    .option('--json', 'print {"incident", "case_ref", "suggestions": [{"norm", "title", "citation", "score", "rules": [{"rule", "condition", "weight", "matched"}]}]} as JSON')
    .addHelpText('after', `
Suggestions are decision support for an analyst, who confirms or rejects each; see docs/norms.md for the rules.
Exit codes: 0 done (also when no rule holds), 3 no such object, 64 the object is not an incident with the accord-incident extension.`)
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const { data } = command.optsWithGlobals<GlobalOptions>();
      let result: StoredSuggestions;
      try {
        result = await withStore(context, data, (store) => suggestForIncident(store, id));
      } catch (error) {
        // Asking about the wrong kind of object is a mistake on the command line, not an internal error.
        if (!isAppError(error) || error.code !== ErrorCode.API_BAD_INPUT) throw error;
        writeLine(context.stderr, `accord: ${error.message}`);
        done(ExitCode.USAGE);
        return;
      }
      if (options.json) writeJson(context.stdout, { incident: result.incident.id, case_ref: result.caseRef, suggestions: result.suggestions });
      else writeSuggestions(context.stdout, result);
      done(ExitCode.OK);
    });
}

function writeSuggestions(out: NodeJS.WritableStream, { incident, caseRef, suggestions }: StoredSuggestions): void {
  writeLine(out, `Norms suggested for ${incident.id} (${JSON.stringify(incident.name)}): decision support, for an analyst to confirm or reject`);
  writeLine(out, caseRef === undefined ? 'No attribution case names this incident: the state-nexus rules were not applied.' : `State nexus from attribution case ${caseRef}.`);
  if (suggestions.length === 0) {
    writeLine(out, 'No rule holds for this incident: no norm suggested.');
    return;
  }
  for (const suggestion of suggestions) writeSuggestion(out, suggestion);
}

function writeSuggestion(out: NodeJS.WritableStream, suggestion: NormSuggestion): void {
  writeLine(out);
  writeLine(out, `${suggestion.norm}  ${suggestion.title} (${suggestion.citation})  score ${suggestion.score}`);
  for (const fired of suggestion.rules) {
    writeLine(out, `    rule ${fired.rule} (weight ${fired.weight}): ${fired.condition}`);
    const matched = Object.entries(fired.matched).map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`);
    writeLine(out, `      matched: ${matched.join('; ')}`);
  }
}
