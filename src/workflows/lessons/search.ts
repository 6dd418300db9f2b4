import type { LessonsLearned, RecommendationStatus } from './model.ts';

/** Searching reviews: pure, over the reviews a reader may see. */

export interface LessonsQuery {
  /** Every word must occur (case-insensitive) somewhere in the review's text: name, account, what worked or not, recommendations and owners. */
  text?: string;
  /** Reviews linked to this incident. */
  incident?: string;
  /** Reviews with a recommendation owned by this owner (case-insensitive substring)… */
  owner?: string;
  /** …and/or in this status (both on the same recommendation when both are given). */
  status?: RecommendationStatus;
}

function textOf(review: LessonsLearned): string {
  return [
    review.name, review.what_happened, ...(review.what_worked ?? []), ...(review.what_did_not_work ?? []),
    ...(review.recommendations ?? []).flatMap((recommendation) => [recommendation.text, recommendation.owner]),
  ].join('\n').toLowerCase();
}

/** The reviews matching every criterion given, newest first. */
export function searchLessons(reviews: readonly LessonsLearned[], query: LessonsQuery = {}): LessonsLearned[] {
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter((word) => word !== '');
  const owner = query.owner?.toLowerCase();
  return reviews.filter((review) => {
    if (query.incident !== undefined && !review.incident_refs.includes(query.incident)) return false;
    if (owner !== undefined || query.status !== undefined) {
      const hit = (review.recommendations ?? []).some((recommendation) => (owner === undefined || recommendation.owner.toLowerCase().includes(owner))
        && (query.status === undefined || recommendation.status === query.status));
      if (!hit) return false;
    }
    const text = textOf(review);
    return words.every((word) => text.includes(word));
  }).sort((a, b) => b.modified.localeCompare(a.modified) || a.id.localeCompare(b.id));
}
