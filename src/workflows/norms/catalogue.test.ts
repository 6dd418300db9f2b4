import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedPath } from '../../../test/support/shared.ts';
import { isNormId, normById, NORM_IDS, NORMS } from './catalogue.ts';

/** The product's own catalogue against the shared reference facts (read here only, never at run time). */

interface SharedNorm {
  id: string;
  citation: string;
  keywords: string[];
  paraphrase: string;
}

const shared = (JSON.parse(readFileSync(sharedPath('reference', 'un-gge-2015-norms.json'), 'utf8')) as { norms: SharedNorm[] }).norms;
// The reference abbreviates critical infrastructure as "CI" in its keywords; the catalogue spells it out.
const spelledOut = (text: string): string => text.replace(/\bCI\b/g, 'critical infrastructure').toLowerCase();
const normalise = (text: string): string => text.toLowerCase().replace(/-/g, '');

describe('the norms catalogue', () => {
  it('has the same eleven paragraphs, in order, as the reference', () => {
    assert.deepEqual(NORMS.map((norm) => norm.id), shared.map((norm) => norm.id));
    assert.deepEqual([...NORM_IDS], shared.map((norm) => norm.id));
  });

  for (const reference of shared) {
    it(`${reference.id}: cites A/70/174 para. 13(${reference.id.slice(2)}) and covers its key topic "${reference.keywords[0]}"`, () => {
      assert.ok(isNormId(reference.id));
      const norm = normById(reference.id as (typeof NORM_IDS)[number]);
      assert.equal(norm.citation, reference.citation);
      const text = normalise([norm.title, norm.summary, ...norm.topics].join(' '));
      assert.ok(text.includes(normalise(spelledOut(reference.keywords[0]!))), `${norm.id} does not mention "${reference.keywords[0]}"`);
    });

    it(`${reference.id}: is written in our own words (no sentence of the reference's paraphrase copied)`, () => {
      const norm = normById(reference.id as (typeof NORM_IDS)[number]);
      // Any run of eight words in common counts as copying.
      const words = reference.paraphrase.toLowerCase().split(/\s+/);
      const ours = norm.summary.toLowerCase().split(/\s+/).join(' ');
      for (let start = 0; start + 8 <= words.length; start += 1) {
        const run = words.slice(start, start + 8).join(' ');
        assert.ok(!ours.includes(run), `${norm.id} copies "${run}"`);
      }
    });
  }

  it('knows its ids and nothing else', () => {
    assert.equal(isNormId('13k'), true);
    assert.equal(isNormId('13l'), false);
    assert.equal(isNormId('13F'), false);
    assert.equal(isNormId(13), false);
  });
});
