import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe } from 'node:test';
import { browseContract } from './contract/browse.contract.ts';
import { statsAndCollectionsContract } from './contract/collections.contract.ts';
import { filtersContract } from './contract/filters.contract.ts';
import { graphContract } from './contract/graph.contract.ts';
import { ingestContract } from './contract/ingest.contract.ts';
import { pagingContract } from './contract/paging.contract.ts';
import { searchContract } from './contract/search.contract.ts';
import { versionsContract } from './contract/versions.contract.ts';
import type { Store } from './store.ts';

export interface StoreContractOptions {
  /** Names the adapter in the test report. */
  name: string;
  /** A new, empty store for each test; the suite closes it. */
  createStore: () => Promise<Store>;
}

/**
 * The one suite every Store adapter must pass (SQLite now, PostgreSQL later):
 * behaviour through the port only, nothing adapter-specific.
 */
export function runStoreContract({ name, createStore }: StoreContractOptions): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | undefined;
    const store = (): Store => current ?? assert.fail('the store is not open');
    beforeEach(async () => {
      current = await createStore();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    describe('ingest', () => ingestContract(store));
    describe('versions', () => versionsContract(store));
    describe('filters', () => filtersContract(store));
    describe('paging', () => pagingContract(store));
    describe('search', () => searchContract(store));
    describe('browse and facets', () => browseContract(store));
    describe('neighbourhood', () => graphContract(store));
    describe('stats and collections', () => statsAndCollectionsContract(store));
  });
}
