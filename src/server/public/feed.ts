import { versionOf, type StixObject } from '../../stix/object.ts';
import { isTimestamp } from '../../stix/timestamp.ts';
import { html } from './markup.ts';
import { PUBLIC_PATHS, titleOf, type PublicNode } from './pages.ts';
import type { PublishedStatement } from './published-statements.ts';

/** How much of a statement's text an entry's `summary` holds (characters). */
const SUMMARY_LENGTH = 400;

export interface FeedOptions {
  /** The origin absolute links start with, e.g. `https://uk.example` (RFC 4287 §4.2.7: a feed's links should be absolute). */
  origin: string;
  /** The feed's `id` (an IRI that never changes, RFC 4287 §4.2.6). */
  id: string;
  /** `updated` of a feed with no entries. */
  emptyUpdated: string;
}

/**
 * The Atom feed (RFC 4287) of the published statements, newest first: one
 * entry per statement, its id the report's UUID as a `urn:uuid:` (stable
 * across versions; `updated` moves with the version), its text as `content`.
 */
export function atomFeed(node: PublicNode, statements: readonly PublishedStatement[], options: FeedOptions): string {
  const link = (path: string) => `${options.origin}${path}`;
  const times = statements.map((statement) => updatedOf(statement.report));
  const updated = times.length === 0 ? options.emptyUpdated : times.reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest));
  return html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${options.id}</id>
<title>Joint statements — ${node.name}</title>
<subtitle>Joint public statements of attribution co-signed by partner states (TLP:CLEAR)</subtitle>
<updated>${updated}</updated>
<link rel="self" type="application/atom+xml" href="${link(PUBLIC_PATHS.feed)}"/>
<link rel="alternate" type="text/html" href="${link(PUBLIC_PATHS.statements)}"/>
<author><name>${node.name}</name></author>
<generator>Accord</generator>
${statements.map(({ report, signatures }) => html`<entry>
<id>${entryId(report)}</id>
<title>${titleOf(report)}</title>
<link rel="alternate" type="text/html" href="${link(PUBLIC_PATHS.statement(report.id))}"/>
<link rel="related" type="application/json" title="Statement bundle (accord verify)" href="${link(PUBLIC_PATHS.bundle(report.id))}"/>
<published>${publishedOf(report)}</published>
<updated>${updatedOf(report)}</updated>
${signatures.map((signature) => html`<author><name>${signature.signerName ?? signature.signerId}</name></author>`)}
<summary>${summaryOf(report)}</summary>
<content type="text">${textOf(report)}</content>
</entry>
`)}</feed>
`.text;
}

/** `urn:uuid:` of the report's UUID (RFC 4122 §3), the entry's permanent id. */
function entryId(report: StixObject): string {
  return `urn:uuid:${report.id.slice(report.id.indexOf('--') + 2)}`;
}

function updatedOf(report: StixObject): string {
  const version = versionOf(report);
  return isTimestamp(version) ? version : publishedOf(report);
}

function publishedOf(report: StixObject): string {
  if (isTimestamp(report.published)) return report.published;
  return isTimestamp(report.created) ? report.created : '1970-01-01T00:00:00Z';
}

function textOf(report: StixObject): string {
  return typeof report.description === 'string' ? report.description : '';
}

function summaryOf(report: StixObject): string {
  // By code point, so that a cut never splits a surrogate pair.
  const characters = [...textOf(report).replace(/\s+/g, ' ').trim()];
  return characters.length <= SUMMARY_LENGTH ? characters.join('') : `${characters.slice(0, SUMMARY_LENGTH - 1).join('').trimEnd()}…`;
}
