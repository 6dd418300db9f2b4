import type { Conclusion, ConclusionId, Condition, DecidingFact, Verdict } from './assessment.ts';
import { legalRule } from './catalogue.ts';
import type { LegalFacts } from './facts.ts';

/**
 * Builds one conclusion: reading a fact records its path, and the steps,
 * citations, caveats and deciding facts accumulate in the order the rule
 * reasons. Nothing here reads a clock or anything outside the facts.
 */
export class Reasoning {
  readonly #steps: string[] = [];
  readonly #facts = new Set<string>();
  readonly #citations = new Set<string>();
  readonly #undecided = new Map<string, string>();
  readonly #caveats: string[] = [];
  readonly #conditions: Condition[] = [];

  constructor(
    readonly facts: LegalFacts,
    readonly id: ConclusionId,
    readonly question: string,
  ) {}

  /** The value at `path` (`effects.physical_damage`); records that the conclusion rests on it. */
  fact<T = unknown>(path: string): T | undefined {
    this.#facts.add(`$.${path}`);
    let value: unknown = this.facts;
    for (const step of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step] : undefined;
    return value as T | undefined;
  }

  step(text: string): this {
    this.#steps.push(text);
    return this;
  }

  cite(...ids: string[]): this {
    for (const id of ids) this.#citations.add(legalRule(id).id);
    return this;
  }

  /** A fact that would decide the question: missing, or uncertain as given. */
  undecided(path: string, why: string): this {
    this.#facts.add(`$.${path}`);
    if (!this.#undecided.has(`$.${path}`)) this.#undecided.set(`$.${path}`, why);
    return this;
  }

  /** Takes over the deciding facts and fact paths of conclusions this one depends on. */
  dependsOn(...conclusions: Conclusion[]): this {
    for (const conclusion of conclusions) {
      for (const path of conclusion.facts) this.#facts.add(path);
      for (const fact of conclusion.decided_by ?? []) if (!this.#undecided.has(fact.path)) this.#undecided.set(fact.path, fact.why);
    }
    return this;
  }

  /** While `prerequisite` is not `yes`, this conclusion follows it: same verdict and deciding facts, with the step for `no` or for undetermined. */
  followUnlessYes(prerequisite: Conclusion, whenNo: string, whenOpen: string): Conclusion | undefined {
    if (prerequisite.verdict === 'yes') return undefined;
    this.dependsOn(prerequisite).step(prerequisite.verdict === 'no' ? whenNo : whenOpen);
    return this.conclude(prerequisite.verdict);
  }

  get hasUndecided(): boolean {
    return this.#undecided.size > 0;
  }

  caveat(text: string): this {
    this.#caveats.push(text);
    return this;
  }

  condition(text: string, ...citations: string[]): this {
    this.cite(...citations);
    this.#conditions.push({ text, citations });
    return this;
  }

  /** The conclusion. `cannot-determine` must name at least one deciding fact: never a bare "unknown". */
  conclude(verdict: Verdict, extra: Pick<Conclusion, 'factors'> = {}): Conclusion {
    if (verdict === 'cannot-determine' && this.#undecided.size === 0) throw new Error(`${this.id}: cannot-determine without a deciding fact`);
    const decided: DecidingFact[] = [...this.#undecided].map(([path, why]) => ({ path, why }));
    return {
      id: this.id,
      question: this.question,
      verdict,
      steps: [...this.#steps],
      facts: [...this.#facts].sort(),
      citations: [...this.#citations],
      ...(verdict === 'cannot-determine' ? { decided_by: decided } : {}),
      ...(this.#caveats.length > 0 ? { caveats: [...this.#caveats] } : {}),
      ...(this.#conditions.length > 0 ? { conditions: [...this.#conditions] } : {}),
      ...extra,
    };
  }

  /** `cannot-determine` when any deciding fact was recorded, else `verdict`. */
  concludeUnlessUndecided(verdict: Verdict): Conclusion {
    return this.conclude(this.hasUndecided ? 'cannot-determine' : verdict);
  }
}

/** Facts that are `true`, `false` or unknown, named by path, for rules that weigh several. */
export function partition(reasoning: Reasoning, paths: readonly string[]): { yes: string[]; no: string[]; unknown: string[] } {
  const result = { yes: [] as string[], no: [] as string[], unknown: [] as string[] };
  for (const path of paths) {
    const value = reasoning.fact<boolean>(path);
    result[value === true ? 'yes' : value === false ? 'no' : 'unknown'].push(path);
  }
  return result;
}

/** "a, b and c". */
export function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
