/** Incidents with Accord's property-extension: create, update (new STIX versions), read the extension, check input. */
export { checkIncidentInput, createIncident, incidentExtension, updateIncident, type IncidentChanges, type IncidentInput } from './incidents.ts';
export {
  DATA_IMPACTS, INCIDENT_CATEGORIES, INCIDENT_STATUSES, RELATED_TYPES, VICTIM_TYPES,
  type AccordIncident, type DataImpact, type IncidentCategory, type IncidentExtension, type IncidentImpact, type IncidentStatus, type TimelineEntry,
} from './model.ts';
