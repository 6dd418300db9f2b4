/**
 * Lessons learned: post-incident reviews (`accord-lessons-learned`) with
 * recommendations, owners, due dates and statuses, linked to incidents, and
 * their search. docs/lessons.md.
 */
export { LESSONS_EXTENSION_ID, LESSONS_TYPE, RECOMMENDATION_STATUSES, type LessonsLearned, type Recommendation, type RecommendationStatus } from './model.ts';
export { LESSONS_PROPERTIES, checkLessonsFields, checkLessonsInput } from './checks.ts';
export { buildLessons, loadLessons, recordLessons, reviseLessons, type LessonsInput } from './services.ts';
export { searchLessons, type LessonsQuery } from './search.ts';
