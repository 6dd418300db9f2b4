/**
 * The legal assessment as the node sends it (`POST /api/legal/assess`, and
 * the stored `accord-legal-assessment`; docs/legal.md), and how the views pair
 * each engine conclusion with the analysts' overrides of it. Pure.
 */
import type { Verdict } from './law-verdict.ts';

export interface WireConclusion {
  id: string;
  question: string;
  verdict: Verdict;
  steps: string[];
  facts: string[];
  citations: string[];
  decided_by?: { path: string; why: string }[];
  caveats?: string[];
  conditions?: { text: string; citations: string[] }[];
  factors?: { factor: string; bearing: string; reason: string; facts: string[] }[];
}

export interface WireOverride {
  conclusion: string;
  verdict: Verdict;
  reason: string;
  by: string;
  at: string;
}

export interface WireAssessment {
  id?: string;
  /** A stored assessment's version. */
  modified?: string;
  label: string;
  disclaimer: string;
  engine_version: string;
  facts: Record<string, unknown>;
  conclusions: WireConclusion[];
  /** Left out of a stored object while empty. */
  overrides?: WireOverride[];
}

/** A rule of the engine's catalogue (`GET /api/legal/rules`). */
export interface WireRule {
  id: string;
  instrument: string;
  provision: string;
  title: string;
  source: string;
  binding: boolean;
}

/** The overrides of each conclusion, oldest first; the last one is the verdict that stands. */
export function overridesByConclusion(assessment: WireAssessment): Map<string, WireOverride[]> {
  const map = new Map<string, WireOverride[]>();
  for (const override of [...(assessment.overrides ?? [])].sort((a, b) => a.at.localeCompare(b.at))) {
    map.set(override.conclusion, [...(map.get(override.conclusion) ?? []), override]);
  }
  return map;
}

/** The verdict that stands for a conclusion: the latest override's, else the engine's. */
export function standingVerdict(conclusion: WireConclusion, overrides: readonly WireOverride[] = []): Verdict {
  return overrides.at(-1)?.verdict ?? conclusion.verdict;
}

/** The text the view shows for a citation: "ARS-8 — Conduct instructed, directed or controlled by a state (ARSIWA, Art. 8)", or the id alone when the catalogue is not at hand. */
export function citationText(id: string, rules: ReadonlyMap<string, WireRule> | undefined): string {
  const rule = rules?.get(id);
  return rule ? `${id} — ${rule.title} (${rule.instrument}, ${rule.provision})` : id;
}
