/**
 * JSON schemas of the web API's shapes (contract.ts), for fastify's
 * validation and serialisation and for `/openapi.json`. Nested STIX content
 * is left open (`additionalProperties: true`): the API returns it as stored.
 */
import { TLP_LEVELS } from '../../stix/markings.ts';
import { ROLES } from '../../store/local/local-store.ts';

const str = { type: 'string' } as const;
const strings = { type: 'array', items: str } as const;
const int = { type: 'integer' } as const;
const open = { type: 'object', additionalProperties: true } as const;

export const tlpSchema = { type: 'string', enum: [...TLP_LEVELS] } as const;

export const nodeInfoSchema = {
  type: 'object',
  required: ['title', 'identityId', 'sectors', 'defaultMarking'],
  properties: { title: str, identityId: str, country: str, sectors: strings, defaultMarking: tlpSchema, keyFingerprint: str },
} as const;

export const sessionInfoSchema = {
  type: 'object',
  required: ['account', 'csrfToken', 'node'],
  properties: {
    account: { type: 'object', required: ['name', 'role'], properties: { name: str, role: { type: 'string', enum: [...ROLES] } } },
    csrfToken: str,
    node: nodeInfoSchema,
    previousVisit: str,
  },
} as const;

export const summarySchema = {
  type: 'object',
  required: ['id', 'type', 'name', 'tlp', 'marked', 'dateAdded', 'labels'],
  properties: {
    id: str, type: str, name: str, tlp: tlpSchema, marked: { type: 'boolean' }, created: str, modified: str,
    dateAdded: str, labels: strings, origin: str, createdByRef: str,
  },
} as const;

export const summariesSchema = { type: 'array', items: summarySchema } as const;

export const syncLinkSchema = {
  type: 'object',
  required: ['partner', 'direction', 'collectionId', 'health'],
  properties: {
    partner: str, direction: { type: 'string', enum: ['pull', 'push'] }, collectionId: str, cursor: str,
    lastAttemptAt: str, lastSuccessAt: str, lastError: str, lastErrorAt: str, lagSeconds: int,
    health: { type: 'string', enum: ['ok', 'failing', 'never'] },
  },
} as const;

export const partnerSchema = {
  type: 'object',
  required: ['name', 'kind', 'createdAt', 'links'],
  properties: {
    name: str, kind: { type: 'string', enum: ['state', 'industry', 'public'] }, url: str, identityId: str, keyFingerprint: str, publicKey: str,
    accountName: str, pushCollection: str, createdAt: str, links: { type: 'array', items: syncLinkSchema },
  },
} as const;

export const agreementInputSchema = {
  type: 'object',
  description: 'AgreementInput (contract.ts): every problem is answered at once, 400 API_BAD_INPUT with details.problems',
  properties: {
    id: str, partner: str, direction: { type: 'string' }, collections: strings, objectTypes: strings,
    tlp: strings, onward: { type: 'boolean' }, basis: str,
  },
} as const;

export const agreementSchema = {
  type: 'object',
  required: ['id', 'partner', 'direction', 'collections', 'objectTypes', 'tlp', 'onward', 'updatedAt'],
  properties: { ...agreementInputSchema.properties, direction: { type: 'string', enum: ['outbound', 'inbound'] }, tlp: { type: 'array', items: tlpSchema }, updatedAt: str },
} as const;

export const idParams = { type: 'object', required: ['id'], properties: { id: str } } as const;

export { int, open, str, strings };

/* Issue 7: incidents, attribution cases, statements, public attributions (contract.ts, same section). */

const bool = { type: 'boolean' } as const;
const num = { type: 'number' } as const;
const pagedList = (items: object) => ({ type: 'object', required: ['items', 'total', 'offset', 'limit'], properties: { items: { type: 'array', items }, total: int, offset: int, limit: int } }) as const;

export const incidentRowProperties = { summary: summarySchema, category: str, status: str, countries: strings, sectors: strings, impact: open } as const;
export const incidentListSchema = pagedList({ type: 'object', required: ['summary', 'countries', 'sectors'], properties: incidentRowProperties });

export const caseRowSchema = {
  type: 'object',
  required: ['summary', 'name', 'status', 'stateNexus', 'incidentCount', 'participantCount', 'stances'],
  properties: {
    summary: summarySchema, name: str, status: str, stateNexus: str, candidate: summarySchema, incidentCount: int, participantCount: int,
    stances: { type: 'array', items: { type: 'object', required: ['identityId', 'stance'], properties: { identityId: str, name: str, stance: { type: 'string', enum: ['concurs', 'dissents', 'neutral', 'silent'] } } } },
  },
} as const;
export const caseListSchema = pagedList(caseRowSchema);

export const incidentDetailSchema = {
  type: 'object',
  required: ['summary', 'countries', 'sectors', 'name', 'timeline', 'victims', 'related', 'missing', 'cases', 'editable', 'object'],
  properties: {
    ...incidentRowProperties, name: str, description: str, timeline: { type: 'array', items: open },
    victims: summariesSchema, related: summariesSchema, missing: strings, cases: { type: 'array', items: caseRowSchema }, editable: bool, object: open,
  },
} as const;

export const correlationsSchema = {
  type: 'object',
  required: ['incidentId', 'suggestions', 'overCommon'],
  properties: {
    incidentId: str,
    suggestions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['target', 'score', 'reasons', 'explanation'],
        properties: {
          target: summarySchema, origin: str, score: num, explanation: str,
          reasons: { type: 'array', items: { type: 'object', required: ['kind', 'count', 'examples'], properties: { kind: str, count: int, examples: strings, jaccard: num } } },
        },
      },
    },
    overCommon: strings,
  },
} as const;

export const signatureViewSchema = {
  type: 'object',
  required: ['id', 'signer', 'fingerprint', 'signedVersion', 'signedAt', 'valid'],
  properties: { id: str, signer: str, signerName: str, fingerprint: str, signedVersion: str, signedAt: str, valid: bool, reason: str },
} as const;

export const caseDetailSchema = {
  type: 'object',
  required: ['summary', 'case', 'incidents', 'missing', 'evidence', 'participants', 'concurrence', 'signatures', 'transitions', 'nodeIdentityId', 'editable', 'participating'],
  properties: {
    summary: summarySchema,
    case: open,
    incidents: summariesSchema,
    candidate: summarySchema,
    state: summarySchema,
    missing: strings,
    evidence: {
      type: 'array',
      items: {
        type: 'object',
        required: ['evidence', 'grade', 'objects'],
        properties: {
          evidence: open, contributorName: str, objects: summariesSchema,
          grade: { type: 'object', required: ['code', 'reliability', 'credibility'], properties: { code: str, reliability: str, credibility: str } },
        },
      },
    },
    participants: {
      type: 'array',
      items: {
        type: 'object',
        required: ['identityId', 'assessments', 'stance'],
        properties: {
          identityId: str, name: str, assessments: { type: 'array', items: open }, latestOpinion: open, stance: str,
          dissent: { type: 'object', required: ['opinion', 'explanation'], properties: { opinion: str, explanation: str } },
        },
      },
    },
    concurrence: {
      type: 'object',
      required: ['rule', 'required', 'concurring', 'dissenting', 'met'],
      properties: { rule: open, required: int, concurring: strings, dissenting: strings, met: bool, reason: str },
    },
    statement: {
      type: 'object',
      required: ['summary', 'text', 'object', 'bundleHref'],
      properties: { summary: summarySchema, text: str, published: str, object: open, bundleHref: str },
    },
    signatures: { type: 'array', items: signatureViewSchema },
    transitions: {
      type: 'array',
      items: { type: 'object', required: ['to', 'allowed', 'needsReason'], properties: { to: str, allowed: bool, reason: str, needsReason: bool } },
    },
    nodeIdentityId: str,
    editable: bool,
    participating: bool,
  },
} as const;

/** A workflow body: checked by the workflow, which answers 400 with every problem (details.problems). */
export function workflowBody(description: string) {
  return { type: 'object', description, additionalProperties: true } as const;
}

export const publicAttributionListSchema = {
  type: 'object',
  required: ['items', 'total'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'date', 'actor', 'state', 'incident', 'attributingStates', 'confidenceLanguage', 'sources'],
        properties: { key: str, date: str, actor: str, state: str, incident: str, attributingStates: strings, confidenceLanguage: str, sources: strings },
      },
    },
    total: int,
  },
} as const;
