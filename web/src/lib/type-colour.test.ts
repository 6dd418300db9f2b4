import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrastRatio, TLP_COLOURS, TLP_LEVELS } from './tlp.ts';
import { GRAPH_BACKGROUND, GRAPH_LABEL, typeColour } from './type-colour.ts';

const TYPES = ['indicator', 'malware', 'threat-actor', 'intrusion-set', 'campaign', 'attack-pattern', 'identity', 'location', 'sighting', 'report', 'vulnerability', 'tool', ...Array.from({ length: 40 }, (_, i) => `x-type-${i}`)];

describe('graph colours', () => {
  it('gives a type the same colour every time', () => {
    assert.equal(typeColour('x-acme-widget'), typeColour('x-acme-widget'));
    assert.equal(typeColour('indicator'), '#b3452f');
  });

  it('every node fill stands out from the canvas (WCAG 1.4.11, 3:1)', () => {
    for (const type of TYPES) {
      const ratio = contrastRatio(typeColour(type), GRAPH_BACKGROUND);
      assert.ok(ratio >= 3, `${type}: ${typeColour(type)} ${ratio.toFixed(2)}:1`);
    }
  });

  it('labels and TLP borders are readable on the canvas (4.5:1)', () => {
    assert.ok(contrastRatio(GRAPH_LABEL, GRAPH_BACKGROUND) >= 4.5);
    for (const level of TLP_LEVELS) assert.ok(contrastRatio(TLP_COLOURS[level], GRAPH_BACKGROUND) >= 4.5, level);
  });
});
