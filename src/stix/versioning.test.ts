import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError, type ErrorCode } from '../common/errors.ts';
import { TLP2_GREEN } from './markings.ts';
import type { StixObject } from './object.ts';
import { compareTimestamps } from './timestamp.ts';
import type { Indicator, Ipv4Address } from './types/index.ts';
import { compareVersions, isNewerVersion, latestVersion, newVersion, revoke } from './versioning.ts';

const INDICATOR: Indicator = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  name: 'Poison Ivy Malware',
  description: 'This file is part of Poison Ivy',
  indicator_types: ['malicious-activity'],
  pattern: "[ file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877' ]",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
};

const IPV4: Ipv4Address = {
  type: 'ipv4-addr',
  spec_version: '2.1',
  id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
  value: '198.51.100.3',
};

const at = (modified: string): Indicator => ({ ...INDICATOR, modified });

describe('compareVersions / isNewerVersion (by modified, at any precision)', () => {
  const rows: [string, string, '<' | '=' | '>'][] = [
    ['2016-04-06T20:03:48.000Z', '2016-04-06T20:03:48.001Z', '<'],
    ['2016-04-06T20:03:48.1Z', '2016-04-06T20:03:48.100000Z', '='],
    ['2016-04-06T20:03:48.000001Z', '2016-04-06T20:03:48.000Z', '>'],
    ['2017-01-01T00:00:00.000Z', '2016-12-31T23:59:60.500Z', '>'],
  ];
  for (const [a, b, expected] of rows) {
    it(`${a} ${expected} ${b}`, () => {
      const order = Math.sign(compareVersions(at(a), at(b)));
      assert.equal(['<', '=', '>'][order + 1], expected);
      assert.equal(isNewerVersion(at(a), at(b)), expected === '>');
    });
  }

  it('uses created for objects without modified (marking-definitions)', () => {
    const older: StixObject = { ...TLP2_GREEN, created: '2017-01-20T00:00:00.000Z' };
    assert.equal(isNewerVersion(TLP2_GREEN, older), true);
  });
});

describe('latestVersion', () => {
  const rows: [string, string[], string | undefined][] = [
    ['none', [], undefined],
    ['one', ['2016-04-06T20:03:48.000Z'], '2016-04-06T20:03:48.000Z'],
    [
      'out of order',
      ['2016-04-07T00:00:00.000Z', '2016-04-08T00:00:00.000Z', '2016-04-06T00:00:00.000Z'],
      '2016-04-08T00:00:00.000Z',
    ],
    ['sub-millisecond difference', ['2016-04-06T00:00:00.0001Z', '2016-04-06T00:00:00.000Z'], '2016-04-06T00:00:00.0001Z'],
  ];
  for (const [name, modifieds, expected] of rows) {
    it(name, () => assert.equal(latestVersion(modifieds.map(at))?.modified, expected));
  }

  it('keeps the first of versions with equal modified', () => {
    const first = { ...at('2016-04-06T20:03:48.000Z'), name: 'first' };
    const second = { ...at('2016-04-06T20:03:48Z'), name: 'second' };
    assert.equal(latestVersion([first, second]), first);
  });
});

describe('newVersion', () => {
  // [case, previous modified, now, expected new modified]
  const T = '2016-04-06T20:03:48';
  const timing: [string, string, string, string][] = [
    ['now is later: modified = now', `${T}.000Z`, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
    ['now is the same millisecond: one millisecond later', `${T}.000Z`, `${T}.000Z`, `${T}.001Z`],
    ['now is earlier (clock skew): one millisecond later', `${T}.000Z`, '2015-01-01T00:00:00.000Z', `${T}.001Z`],
    ['previous has microseconds', `${T}.123456Z`, `${T}.123Z`, `${T}.124Z`],
    ['previous is a leap second', '2016-12-31T23:59:60.500Z', '2016-12-31T23:59:59.000Z', '2017-01-01T00:00:00.000Z'],
    ['previous is the last millisecond of a year', '2016-12-31T23:59:59.999Z', `${T}.000Z`, '2017-01-01T00:00:00.000Z'],
  ];
  for (const [name, previous, now, expected] of timing) {
    it(name, () => {
      const next = newVersion(at(previous), { name: 'changed' }, now);
      assert.equal(next.modified, expected);
      assert.ok(compareTimestamps(next.modified, previous) > 0);
    });
  }

  it('applies changes, removes properties set to undefined, keeps who and what the object is', () => {
    const changes = { name: 'Poison Ivy', description: undefined, confidence: 80 };
    const next = newVersion(INDICATOR, changes, '2020-01-01T00:00:00.000Z');
    const { description: _removed, ...unchanged } = INDICATOR;
    assert.deepEqual(next, { ...unchanged, name: 'Poison Ivy', confidence: 80, modified: '2020-01-01T00:00:00.000Z' });
    assert.equal('description' in next, false);
    assert.equal(INDICATOR.name, 'Poison Ivy Malware', 'the previous version is not touched');
  });

  it('uses the clock when no time is given', () => {
    const next = newVersion(INDICATOR, { name: 'x' });
    assert.ok(isNewerVersion(next, INDICATOR));
  });

  const later = '2030-01-01T00:00:00.000Z';
  const refusals: [string, StixObject, Record<string, unknown>, string | undefined, ErrorCode][] = [
    ['an SCO (SCOs are not versioned)', IPV4, { value: '198.51.100.4' }, undefined, 'STIX_NOT_VERSIONABLE'],
    ['a marking-definition (no modified)', TLP2_GREEN, { name: 'x' }, undefined, 'STIX_NOT_VERSIONABLE'],
    ['a revoked object', { ...INDICATOR, revoked: true }, { name: 'x' }, undefined, 'STIX_REVOKED'],
    ['a change of type', INDICATOR, { type: 'malware' }, undefined, 'STIX_UNMODIFIABLE_PROPERTY'],
    ['a change of id', INDICATOR, { id: IPV4.id }, undefined, 'STIX_UNMODIFIABLE_PROPERTY'],
    ['a change of created', INDICATOR, { created: later }, undefined, 'STIX_UNMODIFIABLE_PROPERTY'],
    ['a change of created_by_ref', INDICATOR, { created_by_ref: IPV4.id }, undefined, 'STIX_UNMODIFIABLE_PROPERTY'],
    ['removing created_by_ref', INDICATOR, { created_by_ref: undefined }, undefined, 'STIX_UNMODIFIABLE_PROPERTY'],
    ['setting modified through changes', INDICATOR, { modified: later }, undefined, 'STIX_UNMODIFIABLE_PROPERTY'],
    ['a now that is not a timestamp', INDICATOR, { name: 'x' }, 'yesterday', 'STIX_INVALID'],
    ['a now without millisecond precision', INDICATOR, { name: 'x' }, '2020-01-01T00:00:00Z', 'STIX_INVALID'],
  ];
  for (const [name, object, changes, now, code] of refusals) {
    it(`refuses ${name} with ${code}`, () => {
      assert.throws(() => newVersion(object, changes, now), (error) => isAppError(error, code));
    });
  }
});

describe('revoke', () => {
  it('is a new version with revoked: true', () => {
    const revoked = revoke(INDICATOR, '2020-01-01T00:00:00.000Z');
    assert.deepEqual(revoked, { ...INDICATOR, revoked: true, modified: '2020-01-01T00:00:00.000Z' });
  });

  const refusals: [string, StixObject, ErrorCode][] = [
    ['an object already revoked', revoke(INDICATOR, '2020-01-01T00:00:00.000Z'), 'STIX_REVOKED'],
    ['an SCO', IPV4, 'STIX_NOT_VERSIONABLE'],
  ];
  for (const [name, object, code] of refusals) {
    it(`refuses ${name} with ${code}`, () => {
      assert.throws(() => revoke(object), (error) => isAppError(error, code));
    });
  }
});
