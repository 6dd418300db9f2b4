/** One thing wrong (an error) or worth a look (a warning) in a STIX object. */
export interface ValidationProblem {
  /** Where, as a JSON path from the object: `$.external_references[0].source_name`. */
  path: string;
  /** A stable kebab-case rule name, e.g. `required-property`, `reference-type`. */
  rule: string;
  /** Plain English: what is wrong and why. */
  message: string;
}

export interface ValidationResult {
  /** True when there are no errors (warnings do not make an object invalid). */
  valid: boolean;
  errors: ValidationProblem[];
  warnings: ValidationProblem[];
}

export interface ValidationOptions {
  /**
   * Warn about custom properties on specification-defined types whose names do
   * not start with `x_` (STIX 2.1 §11.1 recommends the prefix). Default false:
   * custom properties such as ATT&CK's are accepted without comment.
   */
  strictCustom?: boolean;
}

/** Collects every problem found in one object; validation never stops early. */
export class Report {
  readonly errors: ValidationProblem[] = [];
  readonly warnings: ValidationProblem[] = [];

  constructor(readonly options: ValidationOptions) {}

  error(path: string, rule: string, message: string): void {
    this.errors.push({ path, rule, message });
  }

  warning(path: string, rule: string, message: string): void {
    this.warnings.push({ path, rule, message });
  }

  result(): ValidationResult {
    return { valid: this.errors.length === 0, errors: this.errors, warnings: this.warnings };
  }
}

export const ROOT = '$';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Top-level paths repeat for every object validated; remember a bounded number of them.
const ROOT_PATHS = new Map<string, string>();
const ROOT_PATHS_LIMIT = 1000;

/** The path of a property or dictionary key below `parent`. */
export function keyPath(parent: string, key: string): string {
  if (parent !== ROOT) return joinKey(parent, key);
  let path = ROOT_PATHS.get(key);
  if (path === undefined) {
    path = joinKey(parent, key);
    if (ROOT_PATHS.size < ROOT_PATHS_LIMIT) ROOT_PATHS.set(key, path);
  }
  return path;
}

function joinKey(parent: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The path of a list item below `parent`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** A short rendering of a value for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}
