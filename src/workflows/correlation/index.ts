/** Correlation of incidents with what partners shared: observables, techniques, infrastructure (docs/correlation.md). */
export { correlate, correlateIncident, type Correlation, type CorrelationOptions, type Reason, type ReasonKind, type Suggestion } from './correlate.ts';
export { correlationKeys } from './keys.ts';
export { hasObservableIndex, type IndexedStore } from './read.ts';
