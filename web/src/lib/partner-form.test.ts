import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PartnerView } from '../../../src/server/api/contract.ts';
import { toPartnerFields, toPartnerUpdate } from './partner-form.ts';

const partner: PartnerView = {
  name: 'au', kind: 'state', url: 'https://au.example/taxii2/accord/', identityId: 'identity--0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  publicKey: 'MCowBQYDK2VwAyEA', accountName: 'au-node', createdAt: '2024-01-01T00:00:00Z', links: [],
};

describe('partner form', () => {
  it('sends nothing when nothing changed', () => {
    assert.deepEqual(toPartnerUpdate(partner, toPartnerFields(partner)), { ok: true, update: undefined });
  });

  it('sends only the fields that changed, trimmed, and credentials only when typed', () => {
    const fields = { ...toPartnerFields(partner), url: ' https://au2.example/taxii2/accord/ ', pushCollection: 'c-1', credentials: 'uk:s3cret' };
    assert.deepEqual(toPartnerUpdate(partner, fields), { ok: true, update: { url: 'https://au2.example/taxii2/accord/', pushCollection: 'c-1', credentials: 'uk:s3cret' } });
  });

  it('refuses to empty a stored value, naming each field', () => {
    const result = toPartnerUpdate(partner, { ...toPartnerFields(partner), url: '  ', publicKey: '' });
    assert.deepEqual(result, { ok: false, problems: ['TAXII API root URL cannot be emptied once set.', 'Public key cannot be emptied once set.'] });
  });
});
