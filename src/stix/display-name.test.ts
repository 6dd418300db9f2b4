import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayName } from './display-name.ts';
import type { StixObject } from './object.ts';

const base = { spec_version: '2.1', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z' };

describe('displayName', () => {
  const rows: Array<[string, StixObject, string]> = [
    ['an SDO by its name', { ...base, type: 'malware', id: 'malware--1', name: 'Emotet', is_family: true }, 'Emotet'],
    ['a name before a pattern', { ...base, type: 'indicator', id: 'indicator--1', name: 'C2', pattern: "[ipv4-addr:value = '10.0.0.1']" }, 'C2'],
    ['an unnamed indicator by its pattern', { ...base, type: 'indicator', id: 'indicator--2', pattern: "[ipv4-addr:value = '10.0.0.1']" }, "[ipv4-addr:value = '10.0.0.1']"],
    ['an SCO by its value', { type: 'domain-name', id: 'domain-name--1', value: 'example.com' }, 'example.com'],
    ['a relationship by its type', { ...base, type: 'relationship', id: 'relationship--1', relationship_type: 'uses', source_ref: 'a--1', target_ref: 'b--1' }, 'uses'],
    ['a note by its abstract', { ...base, type: 'note', id: 'note--1', abstract: 'Seen twice', content: 'x', object_refs: [] }, 'Seen twice'],
    ['an opinion by its opinion', { ...base, type: 'opinion', id: 'opinion--1', opinion: 'agree', object_refs: [] }, 'agree'],
    ['a blank name skipped', { ...base, type: 'indicator', id: 'indicator--3', name: '  ', pattern: '[x:y = 1]' }, '[x:y = 1]'],
    ['a non-string name skipped', { ...base, type: 'x-thing', id: 'x-thing--1', name: 42 }, 'x-thing--1'],
    ['anything else by its id', { ...base, type: 'sighting', id: 'sighting--1', sighting_of_ref: 'indicator--1' }, 'sighting--1'],
  ];
  for (const [what, object, expected] of rows) it(`names ${what}`, () => assert.equal(displayName(object), expected));
});
