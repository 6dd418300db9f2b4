import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeKey, hashName, observableKey, scoKeys } from './observable-values.ts';
import { patternKeys } from './pattern-values.ts';

describe('observable values', () => {
  const hashNames: [string, string][] = [['SHA-256', 'SHA256'], ['sha256', 'SHA256'], ['MD5', 'MD5'], ['md5', 'MD5'], ['SHA-1', 'SHA1'], ['SHA3-512', 'SHA3512']];
  for (const [name, normal] of hashNames) it(`normalises the hash name ${name} to ${normal}`, () => assert.equal(hashName(name), normal));

  const scos: [string, Record<string, unknown>, string[]][] = [
    ['an IPv4 address', { type: 'ipv4-addr', value: '203.0.113.7' }, ['obs:ipv4-addr:value=203.0.113.7']],
    ['a domain, case-folded', { type: 'domain-name', value: 'Evil.Example' }, ['obs:domain-name:value=evil.example']],
    ['a URL, exact', { type: 'url', value: 'https://x.example/A' }, ['obs:url:value=https://x.example/A']],
    ['file hashes under any name', { type: 'file', name: 'a.exe', hashes: { 'SHA-256': 'AB12', md5: 'CD' } }, ['obs:file:hashes.SHA256=ab12', 'obs:file:hashes.MD5=cd']],
    ['a mutex', { type: 'mutex', name: 'Global\\x' }, ['obs:mutex:name=Global\\x']],
    ['a registry key, case-folded', { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\Run' }, ['obs:windows-registry-key:key=hkey_local_machine\\run']],
    ['an AS number', { type: 'autonomous-system', number: 15169 }, ['obs:autonomous-system:number=15169']],
    ['x509 fingerprints and serial', { type: 'x509-certificate', hashes: { 'SHA-1': 'FF' }, serial_number: '0A' }, ['obs:x509-certificate:hashes.SHA1=ff', 'obs:x509-certificate:serial_number=0a']],
    ['nothing of a type that links nothing', { type: 'software', name: 'Word' }, []],
  ];
  for (const [name, sco, keys] of scos) it(`keys ${name}`, () => assert.deepEqual(scoKeys(sco), keys));

  it('gives no key to a property that does not link (a file name)', () => assert.equal(observableKey('file', ['name'], 'a.exe'), undefined));
  it('describes keys for people', () => {
    assert.equal(describeKey('obs:file:hashes.SHA256=ab'), 'file SHA256 ab');
    assert.equal(describeKey('obs:ipv4-addr:value=8.8.8.8'), 'ipv4-addr 8.8.8.8');
  });
});

describe('pattern values', () => {
  const patterns: [string, string, string[]][] = [
    ['one equality', "[ipv4-addr:value = '198.51.100.7']", ['obs:ipv4-addr:value=198.51.100.7']],
    ['a hash under another spelling, as the SCO key', "[file:hashes.'SHA-256' = 'AB12']", ['obs:file:hashes.SHA256=ab12']],
    ['both sides of OR and AND', "[domain-name:value = 'A.example' OR domain-name:value = 'b.example'] AND [url:value = 'http://c/' AND url:value != 'x']",
      ['obs:domain-name:value=a.example', 'obs:domain-name:value=b.example', 'obs:url:value=http://c/']],
    ['IN lists', "[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]", ['obs:ipv4-addr:value=192.0.2.1', 'obs:ipv4-addr:value=192.0.2.2']],
    ['inside qualifiers and FOLLOWEDBY', "([mutex:name = 'm'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.9']) WITHIN 60 SECONDS", ['obs:mutex:name=m', 'obs:ipv4-addr:value=192.0.2.9']],
    ['no negation, LIKE or non-linking property', "[ipv4-addr:value NOT = '192.0.2.1' AND domain-name:value LIKE '%.example' AND file:name = 'a.exe']", []],
    ['nothing from a pattern that does not parse', "[ipv4-addr:value = '1.2.3.4'", []],
  ];
  for (const [name, pattern, keys] of patterns) it(`keys ${name}`, () => assert.deepEqual(patternKeys(pattern).sort(), [...keys].sort()));
});
