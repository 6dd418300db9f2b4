import { isTimestamp } from '../../stix/timestamp.ts';
import type { StixObject } from '../../stix/object.ts';
import { html, type Markup } from './markup.ts';
import type { PublishedStatement } from './published-statements.ts';

/** The addresses of the public pages (one place, so pages, feed and tests agree). */
export const PUBLIC_PATHS = {
  home: '/public/',
  statements: '/public/statements/',
  statement: (id: string) => `/public/statements/${encodeURIComponent(id)}`,
  bundle: (id: string) => `/public/statements/${encodeURIComponent(id)}/bundle.json`,
  feed: '/public/feed.atom',
  style: '/public/style.css',
} as const;

/** What the pages say about the node itself. */
export interface PublicNode {
  name: string;
  /** Fingerprint of the node's Ed25519 public key, for readers who check it out of band. */
  keyFingerprint?: string;
}

/** How many statements the home page previews. */
const HOME_PREVIEW = 3;

function layout(node: PublicNode, title: string, main: Markup): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${node.name}</title>
<link rel="stylesheet" href="${PUBLIC_PATHS.style}">
<link rel="alternate" type="application/atom+xml" title="Joint statements of ${node.name}" href="${PUBLIC_PATHS.feed}">
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site">
<p class="site-name"><a href="${PUBLIC_PATHS.home}">${node.name}</a></p>
<nav aria-label="Public pages"><ul>
<li><a href="${PUBLIC_PATHS.statements}">Joint statements</a></li>
<li><a href="${PUBLIC_PATHS.feed}">Atom feed</a></li>
</ul></nav>
</header>
<main id="main">
${main}
</main>
<footer class="site">
<p>Everything on these pages is <strong>TLP:CLEAR</strong>: it may be shared without limit.</p>
</footer>
</body>
</html>
`.text;
}

/** `/public/`: which node this is and what it publishes. */
export function homePage(node: PublicNode, statements: readonly PublishedStatement[]): string {
  const latest = statements.slice(0, HOME_PREVIEW);
  return layout(node, 'Public pages', html`<h1>${node.name}</h1>
<p>This node of the Accord federation publishes the <a href="${PUBLIC_PATHS.statements}">joint public statements</a>
in which partner states attribute malicious cyber activity together. Each statement is co-signed: every partner's node
signs it with its own Ed25519 key, and anyone can check the signatures.</p>
${node.keyFingerprint !== undefined && html`<p>This node's signing key has the fingerprint <code class="fingerprint">${node.keyFingerprint}</code>.</p>`}
<p>Follow new statements with the <a href="${PUBLIC_PATHS.feed}">Atom feed</a>.</p>
<h2>Latest statements</h2>
${latest.length === 0 ? html`<p>No statement has been published yet.</p>` : html`<ul class="statement-links">${latest.map((statement) => html`
<li><a href="${PUBLIC_PATHS.statement(statement.report.id)}">${titleOf(statement.report)}</a> ${dateOf(statement.report)}</li>`)}
</ul>
<p><a href="${PUBLIC_PATHS.statements}">All ${statements.length} statement${statements.length === 1 ? '' : 's'}</a></p>`}`);
}

/** `/public/statements/`: every published statement, newest first, with its text and signers. */
export function statementsPage(node: PublicNode, statements: readonly PublishedStatement[]): string {
  return layout(node, 'Joint statements', html`<h1>Joint statements</h1>
${statements.length === 0 ? html`<p>No statement has been published yet.</p>` : statements.map((statement) => html`
<article class="statement" aria-labelledby="${headingId(statement.report)}">
<h2 id="${headingId(statement.report)}"><a href="${PUBLIC_PATHS.statement(statement.report.id)}">${titleOf(statement.report)}</a></h2>
<p class="meta">Published ${dateOf(statement.report)} · signed by ${signersOf(statement)}</p>
${statementText(statement.report)}
${verifyNote(statement.report)}
</article>`)}`);
}

/** `/public/statements/:id`: one statement, its signatures, signers and key fingerprints, and its bundle. */
export function statementPage(node: PublicNode, statement: PublishedStatement): string {
  const { report } = statement;
  return layout(node, titleOf(report), html`<article class="statement">
<h1>${titleOf(report)}</h1>
<p class="meta">Published ${dateOf(report)} · <span class="tlp">TLP:CLEAR</span></p>
${statementText(report)}
<h2>Signatures</h2>
<div class="table"><table>
<caption>${statement.signatures.length} co-signature${statement.signatures.length === 1 ? '' : 's'} of this version of the statement</caption>
<thead><tr><th scope="col">Signer</th><th scope="col">Key fingerprint (SHA-256)</th><th scope="col">Signed</th></tr></thead>
<tbody>${statement.signatures.map((signature) => html`
<tr><th scope="row">${signature.signerName ?? signature.signerId}${signature.signerName !== undefined && html`<br><span class="id">${signature.signerId}</span>`}</th>
<td>${signature.fingerprint === undefined ? 'no Ed25519 key given' : html`<code class="fingerprint">${signature.fingerprint}</code>`}</td>
<td>${dateOf(signature.object, 'created')}</td></tr>`)}
</tbody>
</table></div>
${verifyNote(report)}
</article>`);
}

/** The page for anything under `/public/` that is not there (a withheld statement looks the same). */
export function notFoundPage(node: PublicNode): string {
  return layout(node, 'Not found', html`<h1>Not found</h1>
<p>Nothing is published at this address. See the <a href="${PUBLIC_PATHS.statements}">joint statements</a>.</p>`);
}

function verifyNote(report: StixObject): Markup {
  return html`<aside class="verify" aria-label="How to verify">
<p><strong>Verify it yourself:</strong> download the <a href="${PUBLIC_PATHS.bundle(report.id)}" download>statement bundle</a>
(the statement, its signatures and the signers' identities, as STIX 2.1 JSON) and run <code>accord verify bundle.json</code>.
Each signature must verify, and each key fingerprint should match the one the signing partner publishes.</p>
</aside>`;
}

/** The statement's text: its description, a paragraph per blank-line-separated block. */
function statementText(report: StixObject): Markup {
  const text = typeof report.description === 'string' ? report.description.trim() : '';
  if (text === '') return html``;
  return html`<div class="text">${text.split(/\n\s*\n/).map((paragraph) => html`<p>${paragraph.trim()}</p>`)}</div>`;
}

function signersOf(statement: PublishedStatement): string {
  return statement.signatures.map((signature) => signature.signerName ?? signature.signerId).join(', ');
}

export function titleOf(report: StixObject): string {
  return typeof report.name === 'string' && report.name.trim() !== '' ? report.name : report.id;
}

function headingId(report: StixObject): string {
  return `statement-${report.id}`;
}

/** A `<time>` for the object's `property` (default `published`), shown as its date. */
function dateOf(object: StixObject, property = 'published'): Markup {
  const value = object[property];
  return isTimestamp(value) ? html`<time datetime="${value}">${value.slice(0, 10)}</time>` : html`on an unknown date`;
}
