/**
 * The public pages' one stylesheet, served as `/public/style.css` (no inline
 * styles: the pages work under the node's CSP with nothing relaxed). Readable
 * line length, system fonts, FIRST's TLP:CLEAR colours, dark mode, and
 * visible focus.
 */
export const PUBLIC_STYLESHEET = `:root {
  color-scheme: light dark;
  --text: #1b1f24; --muted: #57606a; --back: #ffffff; --panel: #f3f5f7; --line: #d0d7de; --link: #0b57d0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.55;
}
@media (prefers-color-scheme: dark) {
  :root { --text: #e6edf3; --muted: #9da7b3; --back: #0d1117; --panel: #161b22; --line: #30363d; --link: #79b8ff; }
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: var(--back); }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--back); padding: .5rem; z-index: 1; }
header.site, main, footer.site { max-width: 48rem; margin: 0 auto; padding: 1rem; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: baseline; justify-content: space-between; border-bottom: 1px solid var(--line); }
.site-name { margin: 0; font-weight: 700; font-size: 1.15rem; }
.site-name a { color: var(--text); text-decoration: none; }
nav ul { list-style: none; display: flex; gap: 1.25rem; margin: 0; padding: 0; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; margin-top: 2rem; }
h1 { font-size: 1.8rem; line-height: 1.25; }
h2 { font-size: 1.3rem; line-height: 1.3; }
.statement { border-bottom: 1px solid var(--line); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.statement .text p { white-space: pre-line; max-width: 70ch; }
.meta { color: var(--muted); }
.tlp { background: #ffffff; color: #000000; border: 1px solid #000000; padding: 0 .35rem; font-weight: 700; font-size: .85rem; }
.verify { background: var(--panel); border-left: 4px solid var(--link); padding: .25rem 1rem; margin-top: 1rem; }
code, .fingerprint, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.id { color: var(--muted); font-weight: 400; font-size: .8rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding-bottom: .5rem; }
th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid var(--line); }
tbody th { font-weight: 600; }
@media (max-width: 32rem) {
  h1 { font-size: 1.45rem; }
  th, td { display: block; padding: .25rem 0; border: 0; }
  thead { display: none; }
  tbody tr { display: block; padding: .5rem 0; border-bottom: 1px solid var(--line); }
}
`;
