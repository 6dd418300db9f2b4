import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareTimestamps, isTimestamp, now, sortableTimestamp, timestampProblem } from './timestamp.ts';

describe('timestampProblem: the STIX timestamp format (STIX 2.1 §2.15, RFC 3339 §5.6)', () => {
  const valid = [
    '2016-05-12T08:17:27Z',
    '2016-05-12T08:17:27.000Z',
    '2016-05-12T08:17:27.1Z',
    '2016-05-12T08:17:27.123456789Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2016-02-29T00:00:00Z', // leap year
    '2000-02-29T00:00:00Z', // divisible by 400: leap year
    '2016-12-31T23:59:60Z', // leap second (RFC 3339 §5.7)
    '2016-12-31T23:59:60.5Z',
  ];
  for (const text of valid) {
    it(`accepts ${text}`, () => assert.equal(timestampProblem(text), undefined));
  }

  const invalid: [string, string][] = [
    ['2016-05-12T08:17:27+00:00', 'UTC must be written Z'],
    ['2016-05-12T08:17:27.000', 'no time zone'],
    ['2016-05-12t08:17:27z', 'lowercase t and z'],
    ['2016-05-12 08:17:27Z', 'space instead of T'],
    ['2016-05-12T08:17Z', 'no seconds'],
    ['2016-05-12', 'a date only'],
    ['16-05-12T08:17:27Z', 'two-digit year'],
    ['2016-05-12T08:17:27.Z', 'empty fraction'],
    ['2016-5-12T08:17:27Z', 'one-digit month'],
    ['2016-00-12T08:17:27Z', 'month 0'],
    ['2016-13-12T08:17:27Z', 'month 13'],
    ['2016-05-00T08:17:27Z', 'day 0'],
    ['2016-04-31T08:17:27Z', 'April 31'],
    ['2019-02-29T00:00:00Z', 'February 29 of a common year'],
    ['1900-02-29T00:00:00Z', 'February 29 of a century that is not a leap year'],
    ['2016-05-12T24:00:00Z', 'hour 24'],
    ['2016-05-12T08:60:27Z', 'minute 60'],
    ['2016-05-12T08:17:61Z', 'second 61'],
    ['2016-05-12T08:17:60Z', 'leap second that is not at the end of a UTC day'],
    ['2016-12-31T23:58:60Z', 'leap second in the wrong minute'],
    ['', 'empty'],
  ];
  for (const [text, why] of invalid) {
    it(`rejects ${JSON.stringify(text)} (${why})`, () => assert.equal(typeof timestampProblem(text), 'string'));
  }

  // created/modified "MUST be precise to the nearest millisecond" (STIX 2.1 §3.2).
  const precision: [string, boolean][] = [
    ['2016-05-12T08:17:27Z', false],
    ['2016-05-12T08:17:27.1Z', false],
    ['2016-05-12T08:17:27.12Z', false],
    ['2016-05-12T08:17:27.123Z', true],
    ['2016-05-12T08:17:27.123456Z', true],
  ];
  for (const [text, precise] of precision) {
    it(`millisecond precision: ${text} ${precise ? 'passes' : 'fails'}`, () => {
      assert.equal(timestampProblem(text, { millisecondPrecision: true }) === undefined, precise);
    });
  }

  it('isTimestamp accepts only strings that are timestamps', () => {
    assert.equal(isTimestamp('2016-05-12T08:17:27Z'), true);
    assert.equal(isTimestamp('2016-05-12'), false);
    assert.equal(isTimestamp(Date.UTC(2016, 4, 12)), false);
    assert.equal(isTimestamp(undefined), false);
  });
});

describe('compareTimestamps: time order at any precision', () => {
  type Order = '<' | '=' | '>';
  const rows: [string, Order, string][] = [
    ['2016-05-12T08:17:27Z', '=', '2016-05-12T08:17:27.000Z'],
    ['2016-05-12T08:17:27.1Z', '=', '2016-05-12T08:17:27.100000Z'],
    ['2016-05-12T08:17:27.1Z', '>', '2016-05-12T08:17:27.01Z'],
    ['2016-05-12T08:17:27.000001Z', '>', '2016-05-12T08:17:27Z'],
    ['2016-05-12T08:17:27.000000001Z', '<', '2016-05-12T08:17:27.000000002Z'],
    ['2016-05-12T08:17:27.999999999Z', '<', '2016-05-12T08:17:28Z'],
    ['2016-05-12T08:17:27.5Z', '>', '2016-05-11T08:17:27.9Z'],
    ['2015-12-31T23:59:59.999Z', '<', '2016-01-01T00:00:00Z'],
    // The leap second comes after 23:59:59 and before midnight.
    ['2016-12-31T23:59:59.999Z', '<', '2016-12-31T23:59:60Z'],
    ['2016-12-31T23:59:60.999Z', '<', '2017-01-01T00:00:00Z'],
  ];
  const order = (a: string, b: string): Order => (['<', '=', '>'] as const)[Math.sign(compareTimestamps(a, b)) + 1]!;
  const mirror: Record<Order, Order> = { '<': '>', '=': '=', '>': '<' };
  for (const [a, expected, b] of rows) {
    it(`${a} ${expected} ${b}`, () => {
      assert.equal(order(a, b), expected);
      assert.equal(order(b, a), mirror[expected]);
    });
  }
});

describe('sortableTimestamp', () => {
  it('pads to nine fractional digits', () => {
    assert.equal(sortableTimestamp('2016-05-12T08:17:27Z'), '2016-05-12T08:17:27.000000000Z');
    assert.equal(sortableTimestamp('2016-05-12T08:17:27.1Z'), '2016-05-12T08:17:27.100000000Z');
  });

  it('sorts as text in the order compareTimestamps gives', () => {
    const timestamps = [
      '2016-05-12T08:17:27.5Z',
      '2016-05-12T08:17:27Z',
      '2016-12-31T23:59:60Z',
      '2016-05-12T08:17:27.000001Z',
      '2017-01-01T00:00:00Z',
      '2016-05-12T08:17:27.49Z',
    ];
    const byText = [...timestamps].sort((a, b) => (sortableTimestamp(a) < sortableTimestamp(b) ? -1 : 1));
    assert.deepEqual(byText, [...timestamps].sort(compareTimestamps));
  });
});

describe('now', () => {
  it('is a valid timestamp with millisecond precision', () => {
    assert.equal(timestampProblem(now(), { millisecondPrecision: true }), undefined);
  });
});
