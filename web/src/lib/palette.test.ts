/** The app's own colours (CSS variables in styles.css), read from the stylesheet itself: every text/background pair in use meets WCAG AA. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AA_NORMAL_TEXT, contrastRatio } from './tlp.ts';

const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
const variables = new Map([...css.matchAll(/--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})\b/g)].map((m) => [m[1] as string, m[2] as string]));

const colour = (name: string): string => {
  const value = variables.get(name);
  assert.ok(value, `styles.css declares --${name}`);
  return value;
};

// [text, background]: the pairs the stylesheet puts together.
const PAIRS: [string, string][] = [
  ['text', 'bg'], ['text', 'surface'], ['muted', 'bg'], ['muted', 'surface'], ['accent', 'surface'], ['accent', 'bg'],
  ['accent-text', 'accent'], ['header-text', 'header-bg'], ['header-link', 'header-bg'],
  ['danger', 'danger-bg'], ['danger', 'surface'], ['danger', 'bg'], ['ok', 'ok-bg'], ['ok', 'surface'], ['ok', 'bg'], ['warn', 'warn-bg'], ['warn', 'bg'],
];

describe('stylesheet palette', () => {
  for (const [text, background] of PAIRS) {
    it(`--${text} on --${background} meets WCAG AA`, () => {
      const ratio = contrastRatio(colour(text), colour(background));
      assert.ok(ratio >= AA_NORMAL_TEXT, `${colour(text)} on ${colour(background)}: ${ratio.toFixed(2)}:1`);
    });
  }

  it('the focus outline stands out from the page and the surface (WCAG 1.4.11, 3:1)', () => {
    for (const background of ['bg', 'surface']) assert.ok(contrastRatio(colour('focus'), colour(background)) >= 3, background);
  });
});
