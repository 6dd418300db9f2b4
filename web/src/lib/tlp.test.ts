import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AA_NORMAL_TEXT, contrastRatio, isTlpLevel, parseHexColour, relativeLuminance, TLP_BACKGROUND, TLP_COLOURS, TLP_LEVELS, tlpLabel } from './tlp.ts';

describe('TLP labels', () => {
  const cases: [Parameters<typeof tlpLabel>, string][] = [
    [['clear'], 'TLP:CLEAR'],
    [['green'], 'TLP:GREEN'],
    [['amber'], 'TLP:AMBER'],
    [['amber+strict'], 'TLP:AMBER+STRICT'],
    [['red'], 'TLP:RED'],
    [['amber', false], 'TLP:AMBER (default)'],
  ];
  for (const [args, expected] of cases) it(`labels ${args.join(', ')} as ${expected}`, () => assert.equal(tlpLabel(...args), expected));

  it('recognises the five levels and nothing else', () => {
    assert.deepEqual(TLP_LEVELS.filter(isTlpLevel), [...TLP_LEVELS]);
    for (const bad of ['white', 'AMBER', 'amber+', '']) assert.equal(isTlpLevel(bad), false, bad);
  });
});

describe('colour maths', () => {
  it('parses short and long hex colours', () => {
    assert.deepEqual(parseHexColour('#fff'), [255, 255, 255]);
    assert.deepEqual(parseHexColour('#FF2B2B'), [255, 43, 43]);
    assert.throws(() => parseHexColour('red'), /not a #RGB or #RRGGBB colour/);
  });

  it('gives the WCAG reference luminances and ratios', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#FFFFFF'), 1);
    assert.equal(contrastRatio('#000', '#fff'), 21);
    assert.equal(contrastRatio('#fff', '#000'), 21, 'order does not matter');
    // #767676 on white is the well-known AA boundary (4.54:1).
    assert.equal(contrastRatio('#767676', '#FFFFFF').toFixed(2), '4.54');
  });

  for (const level of TLP_LEVELS) {
    it(`TLP:${level.toUpperCase()} text on black meets WCAG AA`, () => {
      const ratio = contrastRatio(TLP_COLOURS[level], TLP_BACKGROUND);
      assert.ok(ratio >= AA_NORMAL_TEXT, `${TLP_COLOURS[level]} on ${TLP_BACKGROUND}: ${ratio.toFixed(2)}:1`);
    });
  }
});
