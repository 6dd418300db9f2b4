import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import type { StixObject } from '../../stix/object.ts';
import { nodeSigningKey } from '../../federation/keys.ts';
import { identityNames } from '../../workflows/attribution/records.ts';
import { latestObject } from '../../workflows/extensions/store-objects.ts';
import { cosignStatement, signatureProblem, statementBundle } from '../../workflows/statements/index.ts';
import type { StatementBundle, StatementSignResult } from './contract.ts';
import { signatureViewOf } from './case-detail.ts';
import { viewerOf } from './object-routes.ts';
import { idParams, open, signatureViewSchema, str } from './schemas.ts';
import {
  auditWrite, collectionsOf, nodeIdentityOf, requireReader, requireWriter, visibleById, visibleObject, workflowContext, type WorkflowDeps,
} from './workflow-support.ts';

/** The case a statement report names among its `object_refs`. */
function caseOf(report: StixObject): string | undefined {
  const refs = Array.isArray(report.object_refs) ? (report.object_refs as unknown[]) : [];
  return refs.find((ref): ref is string => typeof ref === 'string' && ref.startsWith('accord-attribution-case--'));
}

/**
 * `/api/statements/:id/…`: co-signing a joint statement with this node's key
 * (the node's identity signs; the account is audited as `statement.sign`)
 * and its bundle as a download. Publishing is the case's transition.
 */
export function registerStatementRoutes(app: FastifyInstance, deps: WorkflowDeps): void {
  const { store, local } = deps;

  app.post('/api/statements/:id/signatures', {
    schema: {
      summary: 'Co-sign the current version of a joint statement with this node\'s Ed25519 key (analysts, administrators): RFC 8785 canonical JSON, the node\'s identity signs; audited as statement.sign',
      tags: ['api'],
      params: idParams,
      response: { 201: { type: 'object', required: ['signature'], properties: { caseId: str, signature: signatureViewSchema } } },
    },
  }, async (request, reply): Promise<StatementSignResult> => {
    requireWriter(request, 'signing a statement');
    const { id } = request.params as { id: string };
    const viewer = viewerOf(request, deps);
    const report = await visibleObject(viewer, id, 'report', 'statement');
    const caseId = caseOf(report.object);
    if (caseId === undefined) throw new AppError(ErrorCode.API_BAD_INPUT, `report ${id} is not a joint statement: it names no attribution case among its object_refs`);
    const key = nodeSigningKey(local);
    if (key === undefined) throw new AppError(ErrorCode.LOCAL_CONFLICT, 'this node has no signing key yet (run `accord init`)');
    const signer = nodeIdentityOf(local);
    const collections = await collectionsOf(store, id);
    const signature = await cosignStatement(workflowContext(store, collections), signer, id, key);
    // The signer's identity travels with its signature: whoever may read the statement needs it to verify the bundle.
    const identity = await latestObject(store, signer);
    if (identity !== undefined && collections.length > 0) await store.ingest([identity], { collections });
    auditWrite(deps, request, 'statement.sign', id, { signature: signature.id, version: signature.object_modified, fingerprint: signature.key_fingerprint });
    const reason = signatureProblem(signature, report.object);
    const signerName = (await identityNames(store, [signer])).get(signer);
    const caseVisible = (await visibleById(store, viewer, [caseId])).has(caseId);
    viewer.report('api.statement.sign');
    reply.code(201);
    return {
      ...(caseVisible && { caseId }),
      signature: signatureViewOf({ signature, valid: reason === undefined, ...(reason !== undefined && { reason }), ...(signerName !== undefined && { signerName }) }),
    };
  });

  app.get('/api/statements/:id/bundle', {
    schema: {
      summary: 'A joint statement as a bundle to download: the report, the signatures of its current version, the signers\' identities (what `accord verify` and POST /api/statements/verify check); objects the account may not see are left out',
      tags: ['api'],
      params: idParams,
      response: { 200: { type: 'object', required: ['type', 'id', 'objects'], properties: { type: str, id: str, objects: { type: 'array', items: open } } } },
    },
  }, async (request, reply): Promise<StatementBundle> => {
    requireReader(request, 'exporting a statement');
    const { id } = request.params as { id: string };
    const viewer = viewerOf(request, deps);
    await visibleObject(viewer, id, 'report', 'statement');
    const bundle = await statementBundle(store, id);
    const objects = bundle.objects ?? [];
    const visible = await visibleById(store, viewer, objects.map((object) => object.id));
    viewer.report('api.statement.bundle');
    reply.header('content-disposition', `attachment; filename="statement-${id.slice(id.indexOf('--') + 2)}.json"`);
    // Exactly the stored versions the bundle holds, each as the account may see it.
    return { type: 'bundle', id: bundle.id, objects: objects.filter((object) => visible.get(object.id)?.object.modified === object.modified) };
  });
}
