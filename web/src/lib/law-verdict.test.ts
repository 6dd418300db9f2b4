import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_BADGES, badgeOf, isVerdict, REQUIREMENT_BADGES, STANDING_BADGES, VERDICT_BADGES } from './law-verdict.ts';
import { AA_NORMAL_TEXT, contrastRatio } from './tlp.ts';

describe('legal badges', () => {
  for (const badge of ALL_BADGES) {
    it(`${badge.label || 'neutral'}: ${badge.fg} on ${badge.bg} meets WCAG AA`, () => {
      const ratio = contrastRatio(badge.fg, badge.bg);
      assert.ok(ratio >= AA_NORMAL_TEXT, `${ratio.toFixed(2)}:1`);
    });
  }

  it('says each verdict in words, so colour is never the only sign', () => {
    assert.deepEqual(Object.values(VERDICT_BADGES).map((b) => b.label), ['Yes', 'No', 'Cannot determine']);
    assert.equal(new Set(Object.values(VERDICT_BADGES).map((b) => b.bg)).size, 3);
    assert.equal(REQUIREMENT_BADGES['cannot-determine']!.label, 'Unknown');
    assert.equal(STANDING_BADGES['lawful-in-itself']!.label, 'Lawful as retorsion');
  });

  it('shows a value it does not know in neutral grey with its own words', () => {
    const badge = badgeOf(STANDING_BADGES, 'under-review');
    assert.equal(badge.label, 'under review');
    assert.ok(contrastRatio(badge.fg, badge.bg) >= AA_NORMAL_TEXT);
  });

  it('recognises verdicts', () => {
    assert.ok(isVerdict('cannot-determine'));
    assert.ok(!isVerdict('maybe'));
  });
});
