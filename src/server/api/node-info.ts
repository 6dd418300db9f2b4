import type { FastifyInstance } from 'fastify';
import { nodePublicKey } from '../../federation/keys.ts';
import { nodeLocationIds } from '../../federation/node-identity.ts';
import type { PolicySource } from '../../federation/policy.ts';
import type { LocalStore } from '../../store/local/local-store.ts';
import type { Store } from '../../store/store.ts';
import type { NodeInfo } from './contract.ts';
import { nodeInfoSchema } from './schemas.ts';

export type NodeInfoSource = () => Promise<NodeInfo>;

/** Which node this is: its identity's name, sectors and country, its default marking and key fingerprint (read each time: `accord init` may change them). */
export function nodeInfoSource(store: Store, local: LocalStore, policy: PolicySource): NodeInfoSource {
  return async () => {
    const settings = local.settings();
    const identityId = settings.identityId ?? '';
    const [identity, location] = identityId === ''
      ? [undefined, undefined]
      : (await store.query({ ids: [identityId, nodeLocationIds(identityId).location] }, { limit: 2 })).items.reduce<[Record<string, unknown>?, Record<string, unknown>?]>(
        (found, item) => (item.object.id === identityId ? [item.object, found[1]] : [found[0], item.object]), [undefined, undefined]);
    const key = nodePublicKey(local);
    const country = location?.country;
    return {
      title: typeof identity?.name === 'string' ? identity.name : settings.title,
      identityId,
      ...(typeof country === 'string' && { country }),
      sectors: Array.isArray(identity?.sectors) ? identity.sectors.filter((sector): sector is string => typeof sector === 'string') : [],
      defaultMarking: policy.defaultMarking(),
      ...(key !== undefined && { keyFingerprint: key.fingerprint }),
    };
  };
}

/** `GET /api/node`: public, so the login page can say which node it is. */
export function registerNodeRoute(app: FastifyInstance, nodeInfo: NodeInfoSource): void {
  app.get('/api/node', {
    config: { apiAccess: 'public' },
    schema: { summary: "Which node this is (no login needed): its identity's name, country, sectors, default marking and key fingerprint", tags: ['api'], security: [], response: { 200: nodeInfoSchema } },
  }, async () => nodeInfo());
}
