/**
 * Markup that cannot be injected into: every value put in a template is
 * escaped unless it is itself `Markup` made by `html`, so a hostile
 * description, name or Host header shows as text in the public pages and the
 * Atom feed alike (the five XML escapes are also correct HTML).
 */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Markup | string | number | undefined | null | false | readonly Value[];

// XML 1.0 §2.2 forbids these even as character references: a feed holding one would not parse.
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe as element content or a quoted attribute value (HTML and XML). */
export function escapeText(text: string): string {
  return text.replace(NOT_XML_CHARACTERS, '').replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function render(value: Value): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeText(String(value));
}

/** A template whose interpolations are escaped (arrays are joined; `undefined`, `null` and `false` are left out). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let text = strings[0]!;
  for (let i = 0; i < values.length; i++) text += render(values[i]!) + strings[i + 1]!;
  return new Markup(text);
}
