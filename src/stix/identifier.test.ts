import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SCO_ID_NAMESPACE,
  identifierType,
  isIdentifier,
  newIdentifier,
  parseIdentifier,
  scoIdentifier,
  typeNameProblem,
  uuidV5,
} from './identifier.ts';

const UUID_VERSION = (id: string): string => id.slice(id.indexOf('--') + 2)[14]!;

describe('uuidV5 (RFC 4122 §4.3 name-based UUID)', () => {
  // The DNS namespace of RFC 4122 Appendix C.
  const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
  const rows: [string, string, string, string][] = [
    ['RFC 9562 Appendix A.4 (example of a UUIDv5 value)', DNS, 'www.example.com', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['Python documentation, uuid module example uuid5(NAMESPACE_DNS, "python.org")', DNS, 'python.org', '886313e1-3b8a-5372-9b90-0c9aee199e5d'],
  ];
  for (const [source, namespace, name, expected] of rows) {
    it(`${name} → ${expected} (${source})`, () => assert.equal(uuidV5(namespace, name), expected));
  }
});

describe('scoIdentifier: deterministic SCO ids (STIX 2.1 §2.9)', () => {
  it('uses the STIX 2.1 SCO namespace', () => assert.equal(SCO_ID_NAMESPACE, '00abedb4-aa42-466c-9c01-fed23315a9b7'));

  // Expected ids computed by the OASIS reference implementation, not by us:
  // oasis-open/cti-python-stix2 stix2/test/v21/test_deterministic_ids.py
  // (commit 1180da7cc7cbc9c0472b852998bfebd1bd41aadd), functions named in each row.
  const vectors: [string, { type: string; [property: string]: unknown }, string][] = [
    [
      'test_id_gen_recursive_dict_conversion_1: hashes, extensions with nested lists and a float',
      {
        type: 'file',
        name: 'example.exe',
        size: 68 * 1000,
        magic_number_hex: '50000000',
        hashes: { 'SHA-256': '841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649' },
        extensions: {
          'windows-pebinary-ext': {
            pe_type: 'exe',
            machine_hex: '014c',
            sections: [
              {
                name: '.data',
                size: 4096,
                entropy: 7.980693,
                hashes: { 'SHA-256': '6e3b6f3978e5cd96ba7abee35c24e867b7e64072e2ecb22d0ee7a6e6af6894d0' },
              },
            ],
          },
        },
      },
      'file--ced31cd4-bdcb-537d-aefa-92d291bfc11d',
    ],
    [
      'test_id_gen_recursive_dict_conversion_2: a list of dictionaries',
      {
        type: 'windows-registry-key',
        values: [
          { name: 'Foo', data: 'qwerty' },
          { name: 'Bar', data: '42' },
        ],
      },
      'windows-registry-key--36594eba-bcc7-5014-9835-0e154264e588',
    ],
  ];
  for (const [source, sco, expected] of vectors) {
    it(`${expected} (${source})`, () => assert.equal(scoIdentifier(sco), expected));
  }

  // Properties of the scheme (§2.9), each checked against the id of a base object.
  const base = { type: 'email-addr', value: 'john@example.com', display_name: 'Johnny Doe' };
  const baseId = scoIdentifier(base);
  const same: [string, { type: string; [property: string]: unknown }][] = [
    ['a property that does not contribute changes nothing', { ...base, display_name: 'Janey Doe' }],
    ['property order changes nothing', { display_name: 'Johnny Doe', value: 'john@example.com', type: 'email-addr' }],
    ['the id property itself changes nothing', { ...base, id: 'email-addr--00000000-0000-4000-8000-000000000000' }],
  ];
  for (const [rule, sco] of same) {
    it(rule, () => assert.equal(scoIdentifier(sco), baseId));
  }

  it('a contributing property changes the id', () => {
    assert.notEqual(scoIdentifier({ ...base, value: 'jane@example.com' }), baseId);
  });

  it('is a version 5 UUID of the object type', () => {
    assert.match(baseId, /^email-addr--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('uses one hash, MD5 first, then SHA-1, SHA-256, SHA-512', () => {
    const md5 = '6826f9a05da08134006557758bb3afbb';
    const withMd5Only = scoIdentifier({ type: 'artifact', hashes: { MD5: md5 } });
    assert.equal(scoIdentifier({ type: 'artifact', hashes: { 'SHA-256': 'aa', MD5: md5 } }), withMd5Only);
    const withSha1Only = scoIdentifier({ type: 'file', hashes: { 'SHA-1': 'bb' } });
    assert.equal(scoIdentifier({ type: 'file', hashes: { 'SHA-512': 'cc', 'SHA-1': 'bb', 'SHA-256': 'dd' } }), withSha1Only);
  });

  const random: [string, { type: string; [property: string]: unknown }][] = [
    ['no contributing property present', { type: 'email-message', is_multipart: false }],
    ['process, which has no contributing properties', { type: 'process', pid: 1221 }],
    ['a custom SCO type without a list', { type: 'x-example-sco', value: 'a' }],
  ];
  for (const [rule, sco] of random) {
    it(`random version 4 UUID when ${rule}`, () => {
      const id = scoIdentifier(sco);
      assert.equal(identifierType(id), sco.type);
      assert.equal(UUID_VERSION(id), '4');
      assert.notEqual(scoIdentifier(sco), id);
    });
  }
});

describe('type names: 3–250 characters of a-z, 0-9 and single hyphens, starting with a letter', () => {
  const rows: [string, boolean][] = [
    ['indicator', true],
    ['x-mitre-tactic', true],
    ['ipv4-addr', true],
    ['x509-certificate', true],
    ['abc', true],
    ['a'.repeat(250), true],
    ['ab', false],
    ['a'.repeat(251), false],
    ['Indicator', false],
    ['x_custom', false],
    ['x--custom', false],
    ['custom-', false],
    ['-custom', false],
    ['1custom', false],
    ['', false],
  ];
  for (const [type, valid] of rows) {
    it(`${JSON.stringify(type.length > 20 ? `${type.slice(0, 5)}…(${type.length})` : type)} is ${valid ? 'valid' : 'invalid'}`, () => {
      assert.equal(typeNameProblem(type) === undefined, valid);
    });
  }
});

describe('parseIdentifier / isIdentifier (STIX 2.1 §2.9)', () => {
  const rows: [unknown, { type: string; uuid: string } | undefined][] = [
    [
      'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      { type: 'indicator', uuid: '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' },
    ],
    [
      'file--ced31cd4-bdcb-537d-aefa-92d291bfc11d',
      { type: 'file', uuid: 'ced31cd4-bdcb-537d-aefa-92d291bfc11d' },
    ],
    [
      'x-mitre-tactic--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F',
      { type: 'x-mitre-tactic', uuid: '8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F' },
    ],
    ['indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', undefined],
    ['indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f', undefined],
    ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3', undefined],
    // The version nibble must be 1–5 and the variant RFC 4122's (8, 9, a, b).
    ['indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f', undefined],
    ['indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f', undefined],
    ['Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', undefined],
    ['x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', undefined],
    ['', undefined],
    [42, undefined],
  ];
  for (const [text, expected] of rows) {
    it(`${JSON.stringify(text)} → ${expected ? expected.type : 'not an identifier'}`, () => {
      if (typeof text === 'string') assert.deepEqual(parseIdentifier(text), expected);
      assert.equal(isIdentifier(text), expected !== undefined);
    });
  }

  it('identifierType splits without validating', () => {
    assert.equal(identifierType('relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad'), 'relationship');
    assert.equal(identifierType('no-separator'), 'no-separator');
  });
});

describe('newIdentifier', () => {
  it('is a valid, random, version 4 identifier of the type', () => {
    const id = newIdentifier('indicator');
    assert.equal(parseIdentifier(id)?.type, 'indicator');
    assert.equal(UUID_VERSION(id), '4');
    assert.notEqual(newIdentifier('indicator'), id);
  });
});
