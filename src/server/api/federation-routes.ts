import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { removeAgreement, setAgreement } from '../../federation/agreement-changes.ts';
import type { AgreementInput as FederationAgreementInput } from '../../federation/agreements.ts';
import { keyFingerprint } from '../../federation/keys.ts';
import type { Partner, SharingAgreement } from '../../federation/model.ts';
import { updatePartner } from '../../federation/partner-changes.ts';
import type { PartnerChange } from '../../federation/partners.ts';
import { syncStatus } from '../../federation/sync/sync.ts';
import type { AuditLog } from '../../store/audit/audit-log.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import { accountOf, requireRole } from './api-auth.ts';
import type { AgreementView, PartnerUpdate, PartnerView, SyncLink } from './contract.ts';
import { agreementInputSchema, agreementSchema, idParams, partnerSchema, str } from './schemas.ts';

interface Deps {
  store: Store;
  local: LocalStore;
  audit?: AuditLog | undefined;
}

/** The largest agreement body. */
const AGREEMENT_BODY_LIMIT = 64 * 1024;

/** Every sync link, per partner, direction and collection, with its health (`accord sync status`). */
export function syncLinks(local: LocalStore, now: Date = new Date()): SyncLink[] {
  return syncStatus({ local }, now).flatMap((status) => {
    const health: SyncLink['health'] = status.lastError !== null ? 'failing' : status.lastSuccessAt === null ? 'never' : 'ok';
    const collections = Object.entries(status.cursors);
    const rows: [string, string | null][] = collections.length === 0 ? [['*', null]] : collections;
    return rows.map(([collectionId, cursor]) => ({
      partner: status.partner,
      direction: status.direction,
      collectionId,
      ...(cursor !== null && { cursor }),
      ...(status.lastAttemptAt !== null && { lastAttemptAt: status.lastAttemptAt }),
      ...(status.lastSuccessAt !== null && { lastSuccessAt: status.lastSuccessAt }),
      ...(status.lastError !== null && { lastError: status.lastError }),
      ...(status.lastErrorAt !== null && { lastErrorAt: status.lastErrorAt }),
      ...(status.lagSeconds !== null && { lagSeconds: status.lagSeconds }),
      health,
    }));
  });
}

/** `/api/partners` (admin, analyst) and `/api/agreements` (read: admin, analyst; change: admin, audited). */
export function registerFederationRoutes(app: FastifyInstance, deps: Deps): void {
  const { store, local } = deps;

  const partnerView = (partner: Partner, links: readonly SyncLink[]): PartnerView => ({
    name: partner.name,
    kind: partner.kind,
    ...(partner.url !== undefined && { url: partner.url }),
    ...(partner.identityId !== undefined && { identityId: partner.identityId }),
    ...(partner.publicKey !== undefined && { keyFingerprint: keyFingerprint(partner.publicKey), publicKey: partner.publicKey }),
    ...(partner.accountName !== undefined && { accountName: partner.accountName }),
    ...(partner.pushCollection !== undefined && { pushCollection: partner.pushCollection }),
    createdAt: partner.createdAt,
    links: links.filter((link) => link.partner === partner.name),
  });

  app.get('/api/partners', {
    schema: {
      summary: 'Partners with their key fingerprints, accounts and sync links (roles admin, analyst)',
      tags: ['api'],
      response: { 200: { type: 'array', items: partnerSchema } },
    },
  }, async (request): Promise<PartnerView[]> => {
    requireRole(request, ['admin', 'analyst'], "partners' keys, accounts and links");
    const links = syncLinks(local);
    return local.listPartners().map((partner) => partnerView(partner, links));
  });

  app.patch('/api/partners/:name', {
    bodyLimit: AGREEMENT_BODY_LIMIT,
    validatorCompiler: documentedOnly,
    schema: {
      summary: "Change a partner's URL, key, identity, account, credentials or push collection in place (administrators; audited as partner.update, credentials never in clear)",
      tags: ['api'],
      params: { type: 'object', properties: { name: str }, required: ['name'] },
      body: { type: 'object', properties: Object.fromEntries(PARTNER_UPDATE_FIELDS.map((field) => [field, str])), additionalProperties: false },
      response: { 200: partnerSchema },
    },
  }, async (request): Promise<PartnerView> => {
    requireRole(request, ['admin'], 'changing partners');
    if (deps.audit === undefined) throw new Error('partner changes need the audit log: buildApp was given none');
    const { name } = request.params as { name: string };
    const result = updatePartner({ local, audit: deps.audit }, accountOf(request).name, name, partnerChange(request.body));
    if (result === undefined) throw new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no partner ${JSON.stringify(name)}`);
    if (!result.ok) throw new AppError(ErrorCode.API_BAD_INPUT, `the change is refused: ${result.problems.join('; ')}`, { problems: result.problems });
    return partnerView(result.value.partner, syncLinks(local));
  });

  app.get('/api/agreements', {
    schema: { summary: 'Every sharing agreement, by partner and direction (roles admin, analyst)', tags: ['api'], response: { 200: { type: 'array', items: agreementSchema } } },
  }, async (request): Promise<AgreementView[]> => {
    requireRole(request, ['admin', 'analyst'], 'sharing agreements');
    return local.listAgreements().map(viewOf);
  });

  const change = async (input: FederationAgreementInput, actor: string): Promise<{ agreement: SharingAgreement; created: boolean }> => {
    if (deps.audit === undefined) throw new Error('agreement changes need the audit log: buildApp was given none');
    const collections = new Set((await store.listCollections()).map((collection) => collection.id));
    const result = setAgreement({ local, audit: deps.audit }, actor, input, collections);
    if (!result.ok) throw new AppError(ErrorCode.API_BAD_INPUT, `the agreement is refused: ${result.problems.join('; ')}`, { problems: result.problems });
    return result.value;
  };

  app.post('/api/agreements', {
    bodyLimit: AGREEMENT_BODY_LIMIT,
    validatorCompiler: documentedOnly,
    schema: { summary: 'Create a sharing agreement (administrators; audited as agreement.set)', tags: ['api'], body: agreementInputSchema, response: { 201: agreementSchema } },
  }, async (request, reply): Promise<AgreementView> => {
    requireRole(request, ['admin'], 'changing agreements');
    const body = agreementBody(request.body);
    const id = body.id ?? freeId(local, `${String(body.partner)}-${String(body.direction)}`);
    if (local.agreement(id) !== undefined) throw new AppError(ErrorCode.LOCAL_CONFLICT, `agreement ${id} exists already: change it with PUT /api/agreements/${id}`);
    const { agreement } = await change({ ...body, id }, accountOf(request).name);
    void reply.code(201);
    return viewOf(agreement);
  });

  app.put('/api/agreements/:id', {
    bodyLimit: AGREEMENT_BODY_LIMIT,
    validatorCompiler: documentedOnly,
    schema: { summary: 'Replace a sharing agreement (administrators; audited as agreement.set)', tags: ['api'], params: idParams, body: agreementInputSchema, response: { 200: agreementSchema } },
  }, async (request): Promise<AgreementView> => {
    requireRole(request, ['admin'], 'changing agreements');
    const { id } = request.params as { id: string };
    const body = agreementBody(request.body);
    if (body.id !== undefined && body.id !== id) throw new AppError(ErrorCode.API_BAD_INPUT, `the body's "id" (${body.id}) is not the agreement in the path (${id})`);
    if (local.agreement(id) === undefined) throw new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no agreement ${JSON.stringify(id)}`);
    // A PUT replaces: a basis left out is cleared.
    const { agreement } = await change({ ...body, id, basis: body.basis ?? '' }, accountOf(request).name);
    return viewOf(agreement);
  });

  app.delete('/api/agreements/:id', {
    schema: { summary: 'Remove a sharing agreement (administrators; audited as agreement.remove)', tags: ['api'], params: idParams, response: { 200: { type: 'object', properties: { removed: str } } } },
  }, async (request) => {
    requireRole(request, ['admin'], 'changing agreements');
    const { id } = request.params as { id: string };
    if (deps.audit === undefined) throw new Error('agreement changes need the audit log: buildApp was given none');
    if (!removeAgreement({ local, audit: deps.audit }, accountOf(request).name, id)) throw new AppError(ErrorCode.TAXII_NOT_FOUND, `there is no agreement ${JSON.stringify(id)}`);
    return { removed: id };
  });
}

/** The body schema documents the shape (OpenAPI); `agreementBody` checks it, naming every problem at once (ajv would stop at one, and coerce). */
function documentedOnly(): () => true {
  return () => true;
}

function viewOf(agreement: SharingAgreement): AgreementView {
  return { ...agreement };
}

/** The fields `PATCH /api/partners/:name` takes (contract.ts `PartnerUpdate`) and the names `updatePartner` knows them by. */
const PARTNER_UPDATE_FIELDS = ['url', 'identityId', 'publicKey', 'accountName', 'credentials', 'pushCollection'] as const satisfies readonly (keyof PartnerUpdate)[];
const PARTNER_CHANGE_NAMES: Record<(typeof PARTNER_UPDATE_FIELDS)[number], keyof PartnerChange> = {
  url: 'url', identityId: 'identity', publicKey: 'publicKey', accountName: 'account', credentials: 'credentials', pushCollection: 'pushCollection',
};

/** The body as a PartnerChange, or 400 naming every field of the wrong shape (the federation check then judges the values). */
function partnerChange(body: unknown): PartnerChange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError(ErrorCode.API_BAD_INPUT, `the body must be a JSON object with some of ${PARTNER_UPDATE_FIELDS.join(', ')}`);
  const problems: string[] = [];
  const change: PartnerChange = {};
  for (const [key, value] of Object.entries(body)) {
    const name = PARTNER_CHANGE_NAMES[key as (typeof PARTNER_UPDATE_FIELDS)[number]];
    if (name === undefined) problems.push(`"${key}" is not a field of a partner change (fields: ${PARTNER_UPDATE_FIELDS.join(', ')})`);
    else if (typeof value !== 'string') problems.push(`"${key}" must be a string, not ${JSON.stringify(value)}`);
    else change[name] = value;
  }
  if (problems.length > 0) throw new AppError(ErrorCode.API_BAD_INPUT, `the change is refused: ${problems.join('; ')}`, { problems });
  return change;
}

/** `base`, else `base-2`, `base-3`, … : the first id no agreement has. */
function freeId(local: LocalStore, base: string): string {
  let id = base;
  for (let n = 2; local.agreement(id) !== undefined; n += 1) id = `${base}-${n}`;
  return id;
}

/**
 * The API's AgreementInput (contract.ts) as the federation check takes it, or
 * 400 listing every field of the wrong shape (the check then lists every
 * problem with the values).
 */
function agreementBody(body: unknown): FederationAgreementInput & { id?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError(ErrorCode.API_BAD_INPUT, 'the body must be a JSON object: AgreementInput {partner, direction, collections, objectTypes, tlp, onward, basis?, id?}');
  const value = body as Record<string, unknown>;
  const problems: string[] = [];
  const known = new Set(['id', 'partner', 'direction', 'collections', 'objectTypes', 'tlp', 'onward', 'basis']);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`"${key}" is not a field of an agreement (fields: ${[...known].join(', ')})`);
  const text = (key: string, required: boolean): string | undefined => {
    const field = value[key];
    if (field === undefined) {
      if (required) problems.push(`"${key}" is missing`);
      return undefined;
    }
    if (typeof field !== 'string') problems.push(`"${key}" must be a string, not ${JSON.stringify(field)}`);
    return typeof field === 'string' ? field : undefined;
  };
  const list = (key: string): string[] | undefined => {
    const field = value[key];
    if (field === undefined) {
      problems.push(`"${key}" is missing: a list (["*"] for all)`);
      return undefined;
    }
    if (!Array.isArray(field) || field.some((item) => typeof item !== 'string')) {
      problems.push(`"${key}" must be a list of strings, not ${JSON.stringify(field)}`);
      return undefined;
    }
    return field as string[];
  };
  const id = text('id', false);
  const partner = text('partner', true);
  const direction = text('direction', true);
  const collections = list('collections');
  const types = list('objectTypes');
  const tlp = list('tlp');
  const basis = text('basis', false);
  const onward = value.onward;
  if (typeof onward !== 'boolean') problems.push(onward === undefined ? '"onward" is missing: true or false' : `"onward" must be true or false, not ${JSON.stringify(onward)}`);
  if (problems.length > 0) throw new AppError(ErrorCode.API_BAD_INPUT, `the agreement is refused: ${problems.join('; ')}`, { problems });
  return {
    partner: partner!,
    direction: direction!,
    collections: collections!,
    types: types!,
    tlp: tlp!,
    onward: onward ? 'yes' : 'no',
    ...(basis !== undefined && { basis }),
    ...(id !== undefined && { id }),
  };
}

