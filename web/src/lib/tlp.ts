/**
 * TLP 2.0 levels as the UI shows them: FIRST's label text and colours
 * (https://www.first.org/tlp/: coloured text on a black background), and the
 * WCAG 2.x contrast maths that proves every pair readable.
 */
import type { TlpLevel } from '../../../src/server/api/contract.ts';

export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** FIRST's colours: the text colour of each level; the background is always black. */
export const TLP_COLOURS: Readonly<Record<TlpLevel, string>> = {
  clear: '#FFFFFF',
  green: '#33FF00',
  amber: '#FFC000',
  'amber+strict': '#FFC000',
  red: '#FF2B2B',
};
export const TLP_BACKGROUND = '#000000';

export function isTlpLevel(value: string): value is TlpLevel {
  return (TLP_LEVELS as readonly string[]).includes(value);
}

/** "TLP:AMBER+STRICT"; with " (default)" when the level is the node's default, not a marking on the object. */
export function tlpLabel(level: TlpLevel, marked = true): string {
  return `TLP:${level.toUpperCase()}${marked ? '' : ' (default)'}`;
}

/** `#RGB` or `#RRGGBB` to 0–255 channels. */
export function parseHexColour(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) throw new Error(`"${hex}" is not a #RGB or #RRGGBB colour`);
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.x relative luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHexColour(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio, 1 to 21 (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG AA for normal-size text. */
export const AA_NORMAL_TEXT = 4.5;
