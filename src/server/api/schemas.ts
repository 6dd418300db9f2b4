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
