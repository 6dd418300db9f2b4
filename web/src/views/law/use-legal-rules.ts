/** The engine's rule catalogue for naming citations; until the node offers it, citations show their ids alone. */
import { useMemo } from 'react';
import { useFetch } from '../../app/use-fetch.ts';
import type { WireRule } from '../../lib/law-assessment.ts';

export function useLegalRules(): ReadonlyMap<string, WireRule> | undefined {
  const { data } = useFetch<WireRule[]>('/api/legal/rules');
  return useMemo(() => (Array.isArray(data) ? new Map(data.map((rule) => [rule.id, rule])) : undefined), [data]);
}
