import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalize } from './canonical-json.ts';

// Reference test data of the RFC 8785 authors: cyberphone/json-canonicalization
// testdata/input/NAME.json → testdata/output/NAME.json (inputs as JSON text, parsed here).
describe('RFC 8785 reference test data (cyberphone/json-canonicalization testdata/)', () => {
  const rows: [string, string, string][] = [
    [
      'structures.json: nested objects, arrays, the empty key, 56.0 → 56',
      String.raw`{"1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}`,
      String.raw`{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}`,
    ],
    [
      'values.json: number forms, escapes, literals',
      String.raw`{"numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],
        "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`,
      String.raw`{"escaping":"€$\u000f\nA'B\"\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}`,
    ],
    [
      // UTF-16 code-unit order (§3.2.3): U+1F602 is the pair D83D DE02, so it sorts before U+FB33,
      // though its code point is greater. U+0080 and U+007F are written raw, not escaped.
      'weird.json: key order by UTF-16 code units, non-BMP keys',
      String.raw`{"\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley",
        "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "</script>": "Browser Challenge"}`,
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'french.json: no locale-aware collation',
      String.raw`{"peach": "This sorting order", "péché": "is wrong according to French",
        "pêche": "but canonicalization MUST", "sin": "ingnore locale"}`,
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    [
      'unicode.json: no Unicode normalisation',
      String.raw`{"Unnormalized Unicode":"\u1e0d\u0307"}`,
      '{"Unnormalized Unicode":"\u1e0d\u0307"}',
    ],
  ];
  for (const [name, input, expected] of rows) {
    it(name, () => assert.equal(canonicalize(JSON.parse(input)), expected));
  }
});

describe('numbers (RFC 8785 §3.2.2.3, ECMAScript Number::toString)', () => {
  // RFC 8785 Appendix B, "Number Serialization Samples": IEEE 754 bits → canonical text.
  const appendixB: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  for (const [bits, expected] of appendixB) {
    it(`0x${bits} → ${expected}`, () => {
      const view = new DataView(new ArrayBuffer(8));
      view.setBigUint64(0, BigInt(`0x${bits}`));
      assert.equal(canonicalize(view.getFloat64(0)), expected);
    });
  }

  // Where Number::toString switches notation: exponent ≥ 21 and < -6 (ECMA-262 Number::toString).
  const switches: [number, string][] = [
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [1e-6, '0.000001'],
    [-0, '0'],
    [4.5, '4.5'],
  ];
  for (const [value, expected] of switches) {
    it(`${Object.is(value, -0) ? '-0' : value} → ${expected}`, () => assert.equal(canonicalize(value), expected));
  }

  // Appendix B lists NaN (7fffffffffffffff) and Infinity (7ff0000000000000) as errors.
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`${value} is an error`, () => assert.throws(() => canonicalize({ value }), TypeError));
  }
});

describe('strings (RFC 8785 §3.2.2.2)', () => {
  const rows: [string, string, string][] = [
    ['controls as \\uXXXX with lowercase hex, short forms where JSON has one', '\u0000\u001f\b\t\n\f\r', String.raw`"\u0000\u001f\b\t\n\f\r"`],
    ['quote and backslash escaped', '"\\', String.raw`"\"\\"`],
    ['solidus, DEL, U+2028 and non-ASCII written as they are', '/\u007f\u2028é€😀', '"/\u007f\u2028é€😀"'],
  ];
  for (const [name, value, expected] of rows) {
    it(name, () => assert.equal(canonicalize(value), expected));
  }

  for (const [name, value] of [
    ['a lone high surrogate in a value', { key: 'a\ud800' }],
    ['a lone low surrogate in a value', ['\udead']],
    ['a lone surrogate in a key', { '\ud83d': 1 }],
  ] as const) {
    it(`rejects ${name}: lone surrogates must end canonicalisation with an error`, () => {
      assert.throws(() => canonicalize(value), TypeError);
    });
  }
});

describe('objects and arrays (RFC 8785 §3.2.1, §3.2.3)', () => {
  it('sorts keys recursively and keeps array order', () => {
    assert.equal(canonicalize({ b: [3, { d: 1, c: 2 }, 1], a: null }), '{"a":null,"b":[3,{"c":2,"d":1},1]}');
  });

  it('leaves out properties whose value is undefined, as JSON.stringify does', () => {
    assert.equal(canonicalize({ a: 1, b: undefined }), '{"a":1}');
  });

  it('rejects values JSON cannot hold', () => {
    assert.throws(() => canonicalize(undefined), TypeError);
    assert.throws(() => canonicalize(() => 1), TypeError);
  });
});
