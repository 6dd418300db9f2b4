/**
 * The UN GGE 2015 norms (A/70/174 para. 13): the catalogue, the rules that
 * suggest which norms an incident engages, analysts' confirmations and
 * rejections (`accord-norm-tag`), states' implementation records
 * (`accord-norm-implementation`) and the data of the norms views.
 */
export { isNormId, normById, NORM_IDS, NORMS, type Norm, type NormId } from './catalogue.ts';
export { CRITICAL_SECTORS, ELECTORAL_SECTORS, NORM_RULES, RESPONSE_TEAM_SECTORS, RIGHTS_SECTORS, type MatchedFacts, type NormFacts, type NormRule, type RuleWeight } from './rules.ts';
export { normFacts, suggestFromFacts, suggestNorms, type AttributionFacts, type FiredRule, type NormSuggestion } from './suggest.ts';
export { NORM_EXTENSION_IDS, NORM_SDO_TYPES, type NormSdoType } from './definitions.ts';
export { NORM_TAG_STATUSES, STATE_REF_TYPES, type NormImplementation, type NormTag, type NormTagStatus } from './model.ts';
export { checkNormImplementationFields, checkNormInput, checkNormTagFields, NORM_IMPLEMENTATION_PROPERTIES, NORM_TAG_PROPERTIES } from './checks.ts';
export { buildNormObject } from './objects.ts';
export { currentNormTag, currentNormTags, decideNorm, decisionTag, loadNormTags, recordSuggestions, suggestionTags, type NormDecision } from './tags.ts';
export {
  buildNormImplementation, implementationsOfNorm, implementationsOfState, loadImplementations, recordImplementation, type NormImplementationInput,
} from './implementations.ts';
export { normMatrix, periodOf, stateRecord, type MatrixIncident, type NormMatrix, type NormMatrixOptions, type Period, type StateRecord } from './views.ts';
export { attributionCaseOf, suggestForIncident, type StoredSuggestions } from './stored.ts';
