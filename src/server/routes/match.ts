import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../common/errors.ts';
import { ensureNodeIdentity } from '../../federation/node-identity.ts';
import type { StixObject } from '../../stix/object.ts';
import type { LocalStore, Role } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import { IndicatorCache, observationsFromValues, runDetection } from '../../workflows/detection/index.ts';

/** The match API (docs/server.md "Match API"): JSON for the UI and for tools, under /api/. */
export const MATCH_PATH = '/api/match';

/** Most observations in one request; more is answered 413. */
export const MAX_MATCH_OBSERVATIONS = 10_000;

/** Matching writes sightings as the node: analysts and administrators only. */
const MATCH_ROLES: ReadonlySet<Role> = new Set(['admin', 'analyst']);

const BODY_SHAPE = '{"observations": [observed-data | bundle | flat log record, …], "write": true|false}';

interface Deps {
  store: Store;
  local: LocalStore;
}

export interface MatchRequest {
  observations: unknown[];
  write: boolean;
}

/** The request body, or a 400/413 saying exactly what is wrong with it. */
export function parseMatchRequest(body: unknown): MatchRequest {
  const bad = (message: string): AppError => new AppError(ErrorCode.TAXII_BAD_ENVELOPE, `${message}; the match API takes ${BODY_SHAPE}`);
  if (body === undefined || body === '' || body === null) throw bad('the request body is empty');
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch (error) {
      throw new AppError(ErrorCode.INPUT_MALFORMED_JSON, `the request body is not JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`the request body is ${describe(value)}, not a JSON object`);
  const { observations, write, ...unknown } = value as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw bad(`unknown propert${extra.length > 1 ? 'ies' : 'y'} ${extra.map((key) => JSON.stringify(key)).join(', ')}`);
  if (observations === undefined) throw bad('"observations" is missing');
  if (!Array.isArray(observations)) throw bad(`"observations" is ${describe(observations)}, not a list`);
  if (observations.length > MAX_MATCH_OBSERVATIONS) {
    throw new AppError(ErrorCode.TAXII_PAYLOAD_TOO_LARGE, `"observations" holds ${observations.length} observations; at most ${MAX_MATCH_OBSERVATIONS} are matched per request: split the batch`, { maxObservations: MAX_MATCH_OBSERVATIONS });
  }
  if (write !== undefined && typeof write !== 'boolean') throw bad(`"write" is ${JSON.stringify(write)}, not true or false`);
  return { observations, write: write ?? true };
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * `POST /api/match`: observations in, sightings out (and stored unless
 * `"write": false`). One request is one detection run: a pattern over several
 * observations matches within one request's observations. The compiled
 * indicator index is kept between requests and rebuilt only when the store's
 * indicators changed (IndicatorCache).
 */
export function registerMatchRoutes(app: FastifyInstance, deps: Deps): void {
  const { store, local } = deps;
  const indicators = new IndicatorCache(store);
  let identity: Promise<StixObject> | undefined;
  const nodeIdentity = (): Promise<StixObject> => {
    identity ??= ensureNodeIdentity(store, local).catch((error: unknown) => {
      identity = undefined;
      throw error;
    });
    return identity;
  };

  app.post(MATCH_PATH, {
    schema: { summary: `Match observations against the node's active indicators; answers {summary, sightings, skipped} (at most ${MAX_MATCH_OBSERVATIONS} observations; roles admin, analyst)`, tags: ['api'] },
    // Authenticated by the web API's hook (header, or session and CSRF token) before the body is read; then least privilege.
    onRequest: async (request) => {
      const principal = request.principal!;
      if (!MATCH_ROLES.has(principal.account.role)) {
        throw new AppError(ErrorCode.AUTH_FORBIDDEN, `matching observations is for the roles admin and analyst; this account's role is ${principal.account.role}`);
      }
    },
  }, async (request) => {
    const type = request.headers['content-type'];
    if (type === undefined || !/^application\/json\s*(;|$)/i.test(type)) {
      throw new AppError(ErrorCode.TAXII_UNSUPPORTED_MEDIA_TYPE, `the match API takes application/json; the Content-Type was ${JSON.stringify(type ?? null)}`);
    }
    const body = parseMatchRequest(request.body);
    const [self, compiled] = await Promise.all([nodeIdentity(), indicators.get()]);
    const { summary, sightings } = await runDetection({
      store,
      identity: self,
      indicators: compiled,
      observations: observationsFromValues(body.observations, { producerId: self.id }),
      write: body.write,
      keepSkips: MAX_MATCH_OBSERVATIONS,
    });
    const { skips, ...rest } = summary;
    request.log.info({ observations: summary.observations, skipped: summary.skipped, sightings: summary.sightings, write: body.write }, 'observations matched');
    return { summary: rest, sightings, skipped: skips.map(({ position, ...skip }) => ({ index: position, ...skip })) };
  });
}
