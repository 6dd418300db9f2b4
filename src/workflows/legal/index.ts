/**
 * The legal assessment engine: facts of an incident and its attribution case
 * in, a reasoned, cited assessment out (decision support, not legal advice),
 * analysts' overrides beside it, and its STIX form. docs/legal.md.
 */
export { assessLegal } from './assess.ts';
export {
  CONCLUSION_IDS, ENGINE_VERSION, LEGAL_DISCLAIMER, LEGAL_LABEL, VERDICTS,
  type Conclusion, type ConclusionId, type Condition, type DecidingFact, type LegalAssessment, type LegalOverride, type SchmittFactor, type Verdict,
} from './assessment.ts';
export { SEVERE_ECONOMIC_COST_USD } from './breaches.ts';
export { LEGAL_RULES, legalRule, type LegalRule } from './catalogue.ts';
export {
  COERCION_DOMAINS, DATA_EFFECTS, LEGAL_FACTS_SCHEMA, LEGAL_STATE_NEXUS, OPERATION_KINDS, SECTORS,
  checkLegalFacts, normalizeLegalFacts, type LegalFacts, type NexusConfidence,
} from './facts.ts';
export { applyOverride, checkOverride, effectiveVerdict } from './overrides.ts';
export { ATTRIBUTION_THRESHOLDS } from './responsibility.ts';
export {
  LEGAL_ASSESSMENT_DESCRIPTION, LEGAL_ASSESSMENT_EXTENSION_ID, LEGAL_ASSESSMENT_TYPE,
  checkLegalAssessmentFields, legalAssessmentObject, type LegalAssessmentObject, type LegalAssessmentRefs,
} from './stix-object.ts';
export { assessmentOf, caseLegalAssessment, overrideLegalAssessment, storeLegalAssessment, type OverrideInput } from './records.ts';
