/**
 * Granular marking selectors (STIX 2.1 §7.2.3.1): `description`,
 * `external_references.[0].source_name`, `labels.[1]`. A selector is a list of
 * components separated by `.`; each is a property name or dictionary key, or
 * a zero-based list index in square brackets. The root is the object that
 * holds the granular marking, and a selector MUST select content that is
 * present in it.
 */

/** One step of a selector: a property name or dictionary key, or a list index. */
export type SelectorStep = string | number;

export type SelectorResolution =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false; readonly problem: 'syntax' | 'missing'; readonly reason: string };

const INDEX = /^\[(0|[1-9][0-9]*)\]$/;
const NAME = /^[A-Za-z0-9_-]{1,250}$/;

/** The steps of a selector, or undefined when it does not follow the selector syntax. */
export function parseSelector(selector: string): SelectorStep[] | undefined {
  const steps: SelectorStep[] = [];
  for (const component of selector.split('.')) {
    const index = INDEX.exec(component);
    if (index !== null) steps.push(Number(index[1]));
    else if (NAME.test(component)) steps.push(component);
    else return undefined;
  }
  return steps;
}

/** Follows a selector from `root` to the content it selects. */
export function resolveSelector(root: unknown, selector: string): SelectorResolution {
  const steps = parseSelector(selector);
  if (steps === undefined) {
    return {
      found: false,
      problem: 'syntax',
      reason: `'${selector}' is not a selector: use property names, dictionary keys and [index] components separated by '.'`,
    };
  }
  let value = root;
  const consumed: string[] = [];
  for (const step of steps) {
    const where = consumed.length === 0 ? 'the object' : `'${consumed.join('.')}'`;
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return missing(selector, `${where} is not a list`);
      if (step >= value.length) return missing(selector, `${where} has ${value.length} item(s), so [${step}] does not exist`);
      value = value[step];
      consumed.push(`[${step}]`);
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return missing(selector, `${where} is not an object, so it has no property '${step}'`);
      }
      if (!Object.hasOwn(value, step)) return missing(selector, `${where} has no property '${step}'`);
      value = (value as Record<string, unknown>)[step];
      consumed.push(step);
    }
  }
  return { found: true, value };
}

function missing(selector: string, reason: string): SelectorResolution {
  return { found: false, problem: 'missing', reason: `'${selector}' selects nothing: ${reason}` };
}
