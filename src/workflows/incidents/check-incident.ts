import { countryName } from '../../federation/node-identity.ts';
import type { Fields } from '../extensions/fields.ts';
import { DATA_IMPACTS, INCIDENT_CATEGORIES, INCIDENT_STATUSES, RELATED_TYPES, VICTIM_TYPES } from './model.ts';

/** Properties of the accord-incident extension (over the extension, or over service input). */
export const INCIDENT_EXTENSION_PROPERTIES = ['category', 'sectors', 'countries', 'victim_refs', 'impact', 'timeline', 'status', 'related_refs'] as const;

export function checkIncidentFields(fields: Fields): void {
  fields.oneOf('category', INCIDENT_CATEGORIES, true);
  fields.strings('sectors', false, undefined, 'sectors (industry-sector-ov, e.g. government, health-care, energy)');
  const countries = fields.strings('countries', false, undefined, 'ISO 3166-1 alpha-2 country codes');
  countries?.forEach((code, index) => {
    if (countryName(code) === undefined) fields.problems.push({ path: `${fields.at('countries')}[${index}]`, rule: 'value-format', message: `"${code}" is not an ISO 3166-1 alpha-2 country code in capitals (e.g. GB, AU, PL)` });
  });
  fields.refs('victim_refs', VICTIM_TYPES, false);
  const impact = fields.object('impact', false, 'an object {physical_damage, injury_or_death, data?, disruption_hours?, economic_cost_usd?}');
  if (impact !== undefined) {
    impact.boolean('physical_damage', true);
    impact.boolean('injury_or_death', true);
    impact.strings('data', false, DATA_IMPACTS);
    impact.number('disruption_hours', false, { min: 0 });
    impact.number('economic_cost_usd', false, { min: 0 });
    impact.only(['physical_damage', 'injury_or_death', 'data', 'disruption_hours', 'economic_cost_usd']);
  }
  for (const entry of fields.objects('timeline', false, 'timeline entries {at, event}') ?? []) {
    entry.timestamp('at', true);
    entry.string('event', true);
    entry.only(['at', 'event']);
  }
  fields.oneOf('status', INCIDENT_STATUSES, true);
  fields.refs('related_refs', RELATED_TYPES, false);
}
