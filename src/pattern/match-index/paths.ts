/**
 * Object paths compiled once for the index's key lookups (STIX 2.1 §9.7).
 *
 * Only plain paths are keyed — property names and list indices; a path through a
 * `*_ref(s)` or a `*_bin`/`*_hex` property falls back (./keys.ts). On plain paths the
 * values yielded here are a superset of the evaluator's: a property is an own property
 * of a JSON object, and any index step (`[*]`, `[0]`, `[-1]`) yields every element of
 * the list. Extra values only add candidates, which the evaluator's comparison rejects.
 */
import type { ObjectPath } from '../ast.ts';
import { isObj, type Obj } from '../evaluate/observation.ts';

export interface CompiledPath {
  /** A stable text form, equal for equal paths. */
  readonly signature: string;
  /** The values the path may yield on `root` (an object of the path's type). */
  readonly values: (root: Obj) => readonly unknown[];
  /** For a path of property names only: its one value on `root`, or `undefined` (a JSON value is never undefined). */
  readonly value?: (root: Obj) => unknown;
}

const NONE: readonly unknown[] = [];

export function pathSignature(path: ObjectPath): string {
  let text = path.objectType;
  for (const s of path.steps) text += s.kind === 'Key' ? `\u0000.${s.name}` : `\u0000[${s.index}]`;
  return text;
}

export function compilePath(path: ObjectPath): CompiledPath {
  const signature = pathSignature(path);
  // `null`: an index step (every element).
  const steps = path.steps.map((s) => (s.kind === 'Key' ? s.name : null));
  if (!steps.includes(null)) {
    // The common case (`value`, `hashes.'SHA-256'`): a chain of properties, one value at most.
    const names = steps as string[];
    const value = (root: Obj): unknown => {
      let v: unknown = root;
      for (const name of names) {
        if (!isObj(v) || !Object.hasOwn(v, name)) return undefined;
        v = v[name];
      }
      return v;
    };
    return {
      signature,
      value,
      values(root) {
        const v = value(root);
        return v === undefined ? NONE : [v];
      },
    };
  }
  return {
    signature,
    values(root) {
      let current: unknown[] = [root];
      for (const name of steps) {
        const next: unknown[] = [];
        for (const v of current) {
          if (name === null) {
            if (Array.isArray(v)) next.push(...(v as unknown[]));
          } else if (isObj(v) && Object.hasOwn(v, name)) next.push(v[name]);
        }
        current = next;
      }
      return current;
    },
  };
}
