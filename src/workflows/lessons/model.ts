import type { StixObject } from '../../stix/object.ts';
import { WORKFLOW_EXTENSION_IDS } from '../extensions/definitions.ts';

/** A post-incident review (docs/lessons.md): the new-sdo type `accord-lessons-learned`. */

export const LESSONS_TYPE = 'accord-lessons-learned' as const;
/** Its extension-definition id (declared with the other workflow types in ../extensions). */
export const LESSONS_EXTENSION_ID = WORKFLOW_EXTENSION_IDS[LESSONS_TYPE];

export const RECOMMENDATION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export interface Recommendation {
  text: string;
  /** Who answers for it: an identity id or the name of a team or role. */
  owner: string;
  due: string;
  status: RecommendationStatus;
}

export interface LessonsLearned extends StixObject {
  type: typeof LESSONS_TYPE;
  created: string;
  modified: string;
  created_by_ref: string;
  name: string;
  what_happened: string;
  what_worked?: string[];
  what_did_not_work?: string[];
  recommendations?: Recommendation[];
  incident_refs: string[];
  case_refs?: string[];
}
