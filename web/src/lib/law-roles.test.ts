import assert from 'node:assert/strict';
import { it } from 'node:test';
import { canWriteLaw } from './law-roles.ts';

it('lets analysts and administrators write, not readers or partner nodes', () => {
  assert.deepEqual((['admin', 'analyst', 'reader', 'partner'] as const).map(canWriteLaw), [true, true, false, false]);
});
