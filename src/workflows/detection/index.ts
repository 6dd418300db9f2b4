/** Detection (issue 4): observations in, STIX sightings of the active indicators out. See docs/detection.md. */
export { FLAT_OBSERVATION_NAMESPACE, FLAT_RECORD_FIELDS } from './flat-record.ts';
export { IndicatorCache, loadIndicators, stixVersionOf, type IndicatorReport, type IndicatorSet, type IndicatorWindow, type LoadIndicatorsOptions } from './indicators.ts';
export { DEFAULT_MAX_LINE_BYTES, observationsFromValues, observationsOf, readObservationLines, type StreamOptions } from './observation-stream.ts';
export type { Observation, ObservationEntry, ObservationSkip, ParseOptions, SkipReason } from './observations.ts';
export { runDetection, RECENT_OBSERVATIONS, type DetectionOptions, type DetectionProgress, type DetectionResult, type DetectionSummary, type StoreRejection } from './run-detection.ts';
export { MAX_OBSERVED_DATA_REFS, SIGHTING_NAMESPACE, SightingTally, withinWindow } from './sightings.ts';
