import { uuidV5 } from '../../stix/identifier.ts';
import type { StixBundle, StixObject } from '../../stix/object.ts';
import type { Store } from '../../store/store.ts';
import { storedObjects } from '../attribution/records.ts';
import { ACCORD_NAMESPACE } from '../extensions/definitions.ts';
import { requireObject } from '../extensions/store-objects.ts';
import { statementSignatures } from './signed-by.ts';

/**
 * The bundle a node exports for a statement (what `accord verify FILE` and
 * `verifyStatementBundle` check): the report as stored, the signatures of
 * its current version, the identities of its signers and its drafter, and
 * the case it came from when this node holds it. Its id is derived from the
 * report version, so exporting twice gives the same bundle.
 */
export async function statementBundle(store: Store, reportId: string): Promise<StixBundle> {
  const report = await requireObject(store, reportId, 'report', 'statement');
  const signatures = await statementSignatures(store, report);
  const refs = Array.isArray(report.object_refs) ? (report.object_refs as unknown[]) : [];
  const caseId = refs.find((ref): ref is string => typeof ref === 'string' && ref.startsWith('accord-attribution-case--'));
  const people = [...new Set([...signatures.map((signature) => signature.signer_ref), ...(report.created_by_ref === undefined ? [] : [report.created_by_ref])])];
  const related = await storedObjects(store, [...people, ...(caseId === undefined ? [] : [caseId])]);
  const objects: StixObject[] = [report, ...signatures, ...related.values()];
  return { type: 'bundle', id: `bundle--${uuidV5(ACCORD_NAMESPACE, `${report.id}@${report.modified}`)}`, objects };
}
