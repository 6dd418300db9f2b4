/**
 * One pushed observation → the evaluator's view of it (`Sdo`s), on the hot path.
 *
 * The result is what the evaluator's `collect` makes of the reference index's input
 * (`asEvaluatorInput`): the same checks in the same order, the same root objects, the
 * same reference resolution. Two costs are cut, because at half a million observations
 * a second they are most of the work: a timestamp is parsed once per distinct text
 * (a feed repeats them — many observations a second, `first_observed` = `last_observed`),
 * and the few objects of one observation are found by a scan instead of Maps built per
 * observation. The unusual shape (more observed-data among the objects) goes through
 * `collect` itself. `observe.test.ts` holds this to `collect` on good and bad input.
 */
import { ErrorCode } from '../../common/errors.ts';
import { objectCategory } from '../../stix/types/index.ts';
import { PatternError } from '../errors.ts';
import { collect, isObj, type Obj, type Sdo } from '../evaluate/observation.ts';
import { parseTimestamp } from '../evaluate/values.ts';
import { asEvaluatorInput } from './reference.ts';
import type { ObservationInput } from './types.ts';

const TIMESTAMP_MEMO = 4096;
/** Larger bundles go through `collect`, whose Maps then pay off. */
const SCAN_LIMIT = 16;
const NONE: readonly Obj[] = [];
const resolveNothing = (): undefined => undefined;

function bad(message: string, sdo: unknown): PatternError {
  return new PatternError(ErrorCode.PATTERN_MATCH_ERROR, message, { id: isObj(sdo) ? sdo.id : undefined });
}

/** A 2.1 path starts only at an SCO (or a custom object), as in the evaluator. */
function isObservable(o: Obj): boolean {
  const category = typeof o.type === 'string' ? objectCategory(o.type) : 'custom';
  return category === 'sco' || category === 'custom';
}

/** The observation's SDOs, the pushed observed-data first; PATTERN_MATCH_ERROR when it is not usable (also where the reference index, which skips what is not observed-data, does not raise). */
export function observe(observation: ObservationInput): Sdo[] {
  const sdo = observation.observedData as Obj;
  if (!isObj(sdo) || sdo.type !== 'observed-data') throw bad('not an observed-data object', sdo);
  const extra = observation.objects ?? NONE;
  if (extra.length > SCAN_LIMIT) return general(observation);
  for (const o of extra) if (isObj(o) && o.type === 'observed-data') return general(observation);
  const count = sdo.number_observed;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw bad('observed-data needs number_observed ≥ 1', sdo);
  if (sdo.first_observed === undefined || sdo.last_observed === undefined) throw bad('observed-data needs first_observed and last_observed', sdo);
  const first = timestamp(sdo.first_observed);
  const last = timestamp(sdo.last_observed);
  if (last < first) throw bad('last_observed before first_observed', sdo);
  const refs = Array.isArray(sdo.object_refs) ? (sdo.object_refs as unknown[]) : undefined;
  if (refs && extra.length > 0) {
    // STIX 2.1: object_refs into the bundle [observed-data, ...objects]; only listed objects resolve.
    const ids: string[] = [];
    const listed: Obj[] = [];
    for (const ref of refs) {
      if (typeof ref !== 'string' || ids.includes(ref)) continue;
      const o = byId(extra, ref);
      if (o) {
        ids.push(ref);
        listed.push(o);
      }
    }
    const objects = listed.every(isObservable) ? listed : listed.filter(isObservable);
    return [{ sdo, objects, resolve: listedResolver(ids, listed), first, last, count }];
  }
  const embedded = sdo.objects;
  if (isObj(embedded)) {
    // STIX 2.0 (and deprecated 2.1): embedded objects keyed by index; refs are those keys.
    return [{ sdo, objects: Object.values(embedded).filter(isObj), resolve: embeddedResolver(embedded), first, last, count }];
  }
  return [{ sdo, objects: NONE, resolve: resolveNothing, first, last, count }];
}

function general(observation: ObservationInput): Sdo[] {
  const sdos = collect([asEvaluatorInput(observation)]);
  const at = sdos.findIndex((s) => s.sdo === observation.observedData);
  return at <= 0 ? sdos : [sdos[at]!, ...sdos.filter((_, i) => i !== at)];
}

/** Parsed timestamps by text, shared by every session (parsing is a pure function of the text). */
const times = new Map<string, number>();

function timestamp(text: unknown): number {
  if (typeof text !== 'string') return parseTimestamp(text);
  let t = times.get(text);
  if (t === undefined) {
    t = parseTimestamp(text);
    if (times.size >= TIMESTAMP_MEMO) times.clear();
    times.set(text, t);
  }
  return t;
}

// Resolvers are made by factories: an unnamed closure per observation, nothing more.
function listedResolver(ids: readonly string[], listed: readonly Obj[]): Sdo['resolve'] {
  return (ref) => (typeof ref === 'string' ? listed[ids.indexOf(ref)] : undefined);
}

function embeddedResolver(embedded: Obj): Sdo['resolve'] {
  return (ref) => (typeof ref === 'string' && isObj(embedded[ref]) ? embedded[ref] : undefined);
}

/** The object with this id, the last one when several have it (as an id → object Map filled in order). */
function byId(objects: readonly unknown[], id: string): Obj | undefined {
  for (let i = objects.length - 1; i >= 0; i--) {
    const o = objects[i];
    if (isObj(o) && o.id === id) return o;
  }
  return undefined;
}
