import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCount, formatDateTime, formatDuration, formatNumber } from './format.ts';

describe('formatting', () => {
  it('counts with thousands separators and the right plural', () => {
    assert.equal(formatCount(1234, 'object'), '1,234 objects');
    assert.equal(formatCount(1, 'object'), '1 object');
    assert.equal(formatCount(0, 'entry', 'entries'), '0 entries');
    assert.equal(formatNumber(100000), '100,000');
  });

  it('prints timestamps in UTC to the minute', () => {
    assert.equal(formatDateTime('2024-05-01T14:07:09.123+02:00'), '2024-05-01 12:07 UTC');
    assert.equal(formatDateTime(undefined), '—');
    assert.equal(formatDateTime('not a date'), 'not a date');
  });

  const durations: [number, string][] = [[0, '0 s'], [59.4, '59 s'], [60, '1 min'], [3599, '59 min'], [7200, '2 h'], [90000, '1 d'], [-3, '0 s']];
  for (const [seconds, expected] of durations) it(`prints ${seconds} s as ${expected}`, () => assert.equal(formatDuration(seconds), expected));
});
