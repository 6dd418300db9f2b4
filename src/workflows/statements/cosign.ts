import type { KeyObject } from 'node:crypto';
import { requireObject, saveWorkflowObject, nowOf, type WorkflowContext } from '../extensions/store-objects.ts';
import { signStatement, type AccordSignature } from './signature.ts';

/** Signs the current version of statement `reportId` for `signerId` with the node's key, and stores the signature. */
export async function cosignStatement(ctx: WorkflowContext, signerId: string, reportId: string, nodeKey: KeyObject | string): Promise<AccordSignature> {
  const report = await requireObject(ctx.store, reportId, 'report', 'statement');
  return saveWorkflowObject(ctx, signStatement(report, nodeKey, signerId, nowOf(ctx)));
}
