/**
 * Coordinated responses to an attributed incident: the catalogue of response
 * options (EU Cyber Diplomacy Toolbox and national measures), each checked by
 * the legal engine, partners' positions and the option's status
 * (`accord-response-option`, `accord-response-position`). docs/responses.md.
 */
export { LEGAL_BASES, RESPONSE_KIND_IDS, RESPONSE_KINDS, TOOLBOX_CATEGORIES, responseKind, type LegalBasis, type ResponseKind, type ToolboxCategory } from './catalogue.ts';
export { REQUIREMENT_STATUSES, STANDINGS, checkResponseLegality, type BasisCheck, type Requirement, type RequirementStatus, type ResponseLegalCheck, type Standing } from './legal-check.ts';
export { POSITIONS, RESPONSE_STATUSES, RESPONSE_TARGET_TYPES, type Position, type ResponseOption, type ResponsePosition, type ResponseStatus, type ResponseStatusChange } from './model.ts';
export { RESPONSE_EXTENSION_IDS, RESPONSE_SDO_TYPES, type ResponseSdoType } from './definitions.ts';
export { RESPONSE_OPTION_PROPERTIES, RESPONSE_POSITION_PROPERTIES, checkResponseOptionFields, checkResponsePositionFields } from './checks.ts';
export { RESPONSE_SCHEMA_PARTS } from './schemas.ts';
export { NEXT_RESPONSE_STATUSES, responseTransitionRefusal } from './status-flow.ts';
export {
  boardEntry, optionPositions, proposeResponse, recheckResponse, recordPosition, responseBoard, transitionResponse,
  type OptionBoardEntry, type PositionInput, type ResponseInput,
} from './services.ts';
