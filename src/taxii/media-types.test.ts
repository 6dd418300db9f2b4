import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isReadableContentType,
  negotiate,
  parseAccept,
  parseMediaType,
  STIX_MEDIA_TYPE,
  TAXII_MEDIA_TYPE,
  type MediaType,
} from './media-types.ts';

describe('parseMediaType', () => {
  const rows: [text: string, expected: MediaType | undefined][] = [
    [TAXII_MEDIA_TYPE, { type: 'application', subtype: 'taxii+json', parameters: { version: '2.1' } }],
    // What fastify's reply.type() sends (STACK.md): spaces, a quoted value, a charset.
    ['application/taxii+json; version="2.1"; charset=utf-8', { type: 'application', subtype: 'taxii+json', parameters: { version: '2.1', charset: 'utf-8' } }],
    ['Application/TAXII+JSON;VERSION=2.1', { type: 'application', subtype: 'taxii+json', parameters: { version: '2.1' } }],
    ['text/plain; note="a \\"quoted\\" ;, value"', { type: 'text', subtype: 'plain', parameters: { note: 'a "quoted" ;, value' } }],
    ['application/json;', { type: 'application', subtype: 'json', parameters: {} }],
    ['application/json;;charset=utf-8', { type: 'application', subtype: 'json', parameters: { charset: 'utf-8' } }],
    ['', undefined],
    ['application', undefined],
    ['application/', undefined],
    ['application/json; version', undefined],
    ['application/json; version=', undefined],
    ['application/json; version="2.1', undefined],
    ['application/json; version=2.1; version=2.0', undefined],
    ['application/json version=2.1', undefined],
    ['*/*', undefined],
    ['application/*', undefined],
  ];
  for (const [text, expected] of rows) {
    it(JSON.stringify(text), () => assert.deepEqual(parseMediaType(text), expected));
  }
});

describe('parseAccept', () => {
  it('reads ranges with weights, commas inside quotes, and leaves malformed members out', () => {
    assert.deepEqual(parseAccept('application/taxii+json;version=2.1, */*;q=0.1, text/x;a="1,2";q=0.5, bad, application/json;q=2, ,'), [
      { type: 'application', subtype: 'taxii+json', parameters: { version: '2.1' }, q: 1 },
      { type: '*', subtype: '*', parameters: {}, q: 0.1 },
      { type: 'text', subtype: 'x', parameters: { a: '1,2' }, q: 0.5 },
    ]);
  });

  it('refuses a q-value outside RFC 9110 §12.4.2 and a wildcard type with a concrete subtype', () => {
    for (const range of ['a/b;q=1.5', 'a/b;q=0.1234', 'a/b;q=1.001', 'a/b;q=.5', '*/json']) {
      assert.deepEqual(parseAccept(range), [], range);
    }
    assert.deepEqual(parseAccept('a/b;q=1.000, c/d;q=0'), [
      { type: 'a', subtype: 'b', parameters: {}, q: 1 },
      { type: 'c', subtype: 'd', parameters: {}, q: 0 },
    ]);
  });
});

describe('negotiate', () => {
  const TAXII = [TAXII_MEDIA_TYPE];
  const rows: [accept: string | undefined, offered: string[], expected: string | undefined][] = [
    // §1.6.8.2: both forms MUST be honoured; no version means the latest, 2.1.
    [TAXII_MEDIA_TYPE, TAXII, TAXII_MEDIA_TYPE],
    ['application/taxii+json', TAXII, TAXII_MEDIA_TYPE],
    ['application/taxii+json; version="2.1"', TAXII, TAXII_MEDIA_TYPE],
    ['APPLICATION/TAXII+JSON;Version=2.1', TAXII, TAXII_MEDIA_TYPE],
    ['application/taxii+json;version=2.1;charset=utf-8', TAXII, TAXII_MEDIA_TYPE],
    // §5.3's example Accept of the manifest endpoint.
    ['application/taxii+json;version=2.1,application/stix+json;version=2.1', TAXII, TAXII_MEDIA_TYPE],
    // Another TAXII version, or STIX alone, is not acceptable (→ 406).
    ['application/taxii+json;version=2.0', TAXII, undefined],
    ['application/vnd.oasis.taxii+json; version=2.0', TAXII, undefined],
    [STIX_MEDIA_TYPE, TAXII, undefined],
    ['application/json', TAXII, undefined],
    ['text/html', TAXII, undefined],
    // Wildcards and no Accept at all.
    ['*/*', TAXII, TAXII_MEDIA_TYPE],
    ['application/*', TAXII, TAXII_MEDIA_TYPE],
    [undefined, TAXII, TAXII_MEDIA_TYPE],
    ['', TAXII, TAXII_MEDIA_TYPE],
    // q=0 refuses; the most specific range decides (RFC 9110 §12.5.1).
    ['application/taxii+json;q=0', TAXII, undefined],
    ['application/taxii+json;version=2.1;q=0, */*', TAXII, undefined],
    ['application/taxii+json;q=0, application/taxii+json;version=2.1', TAXII, TAXII_MEDIA_TYPE],
    ['*/*;q=0, application/taxii+json', TAXII, TAXII_MEDIA_TYPE],
    ['application/taxii+json;version=2.0, application/*;q=0.2', TAXII, TAXII_MEDIA_TYPE],
    // Several offered: highest weight wins, the server's order breaks ties.
    [`${STIX_MEDIA_TYPE};q=0.5, ${TAXII_MEDIA_TYPE};q=0.9`, [STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE], TAXII_MEDIA_TYPE],
    ['*/*', [STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE], STIX_MEDIA_TYPE],
    // Garbage accepts nothing.
    ['garbage', TAXII, undefined],
  ];
  for (const [accept, offered, expected] of rows) {
    it(`${JSON.stringify(accept)} of ${offered.join(' | ')}`, () => assert.equal(negotiate(accept, offered), expected));
  }

  it('refuses a malformed offered type, which is a server bug', () => {
    assert.throws(() => negotiate('*/*', ['taxii']), TypeError);
  });
});

describe('isReadableContentType', () => {
  const rows: [contentType: string | undefined, expected: boolean][] = [
    [TAXII_MEDIA_TYPE, true],
    ['application/taxii+json', true],
    ['application/taxii+json; version="2.1"; charset=UTF-8', true],
    ['application/taxii+json;version=2.0', false],
    ['application/taxii+json;version=2.1;charset=iso-8859-1', false],
    [STIX_MEDIA_TYPE, false],
    ['application/json', false],
    ['application/*', false],
    ['', false],
    [undefined, false],
  ];
  for (const [contentType, expected] of rows) {
    it(`${JSON.stringify(contentType)} → ${expected}`, () => assert.equal(isReadableContentType(contentType), expected));
  }
});
