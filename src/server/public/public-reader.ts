import type { Reader } from '../../federation/model.ts';
import { decide, policyContext, type PolicyContext, type PolicySource } from '../../federation/policy.ts';
import type { StixObject } from '../../stix/object.ts';

const PUBLIC: Reader = { kind: 'public' };

/**
 * The ONE check every object on the public pages and in the feed passes: the
 * sharing policy's `decide` for the reader `{kind: 'public'}` — TLP:CLEAR only
 * (and the node's own identity, which is always shareable). Built per request,
 * as `server/access.ts` `readPolicy` is for accounts.
 *
 * Unlike an account's reads, what is withheld here is not written to the audit
 * log: the pages pick statements among the node's reports on every anonymous
 * visit, and a log that anyone on the network can grow is a log nobody reads.
 */
export class PublicReader {
  readonly #context: PolicyContext;

  constructor(policy: PolicySource, nodeIdentityId: string | undefined) {
    this.#context = policyContext(policy, PUBLIC, { nodeIdentityId });
  }

  allows(version: StixObject): boolean {
    return decide(PUBLIC, version, this.#context).allow;
  }
}
