/**
 * The name and description of the legal assessment's STIX type, in a module
 * of its own that imports nothing: ../extensions declares the type with them,
 * and this folder takes the type's extension id back from there (no cycle).
 */

export const LEGAL_ASSESSMENT_TYPE = 'accord-legal-assessment';

export const LEGAL_ASSESSMENT_DESCRIPTION = 'A legal assessment of an incident and its attribution case: the facts, the engine\'s reasoned and cited conclusions '
  + '(sovereignty, intervention, use of force, armed attack, attribution, wrongful act, responses, IHL) and analysts\' overrides. Decision support, not legal advice.';
