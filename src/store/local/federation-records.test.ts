import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../common/errors.ts';
import type { AgreementRecord, PartnerRecord } from './local-store.ts';
import { openSqliteLocalStore } from './sqlite-local-store.ts';

const now = '2024-01-01T00:00:00.000Z';
const au: PartnerRecord = { name: 'au', kind: 'state', url: 'https://taxii.example.gov.au/taxii2/accord/', identityId: 'identity--b60793ff-4691-4875-a80e-523f2b90cfff', publicKey: 'KEY', accountName: 'au-node', createdAt: now };
const open: PartnerRecord = { name: 'public', kind: 'public', createdAt: now };
const agreement = (id: string, partner: string, direction: AgreementRecord['direction']): AgreementRecord =>
  ({ id, partner, direction, collections: ['*'], objectTypes: ['indicator'], tlp: ['clear', 'green'], onward: false, updatedAt: now });

describe('node-local partners and agreements', () => {
  it('stores partners with their credentials apart, refuses a taken name', () => {
    const local = openSqliteLocalStore({ path: ':memory:' });
    local.addPartner(au, 'uk-node:secret');
    local.addPartner(open);
    assert.deepEqual(local.partner('au'), au);
    assert.deepEqual(local.listPartners(), [au, open]);
    assert.equal(local.partnerCredentials('au'), 'uk-node:secret');
    assert.equal(local.partnerCredentials('public'), undefined);
    assert.throws(() => local.addPartner(au), (error) => isAppError(error, 'LOCAL_CONFLICT'));
  });

  it('creates, replaces, lists (outbound first) and removes agreements; a partner goes only once its agreements have', () => {
    const local = openSqliteLocalStore({ path: ':memory:' });
    local.addPartner(au);
    local.addPartner(open);
    assert.throws(() => local.putAgreement(agreement('nz-outbound', 'nz', 'outbound')), (error) => isAppError(error, 'LOCAL_NOT_FOUND'));
    local.putAgreement(agreement('au-inbound', 'au', 'inbound'));
    local.putAgreement(agreement('au-outbound', 'au', 'outbound'));
    local.putAgreement(agreement('public-outbound', 'public', 'outbound'));
    const changed = { ...agreement('au-outbound', 'au', 'outbound'), tlp: ['clear' as const], onward: true, basis: 'MoU' };
    local.putAgreement(changed);
    assert.deepEqual(local.agreement('au-outbound'), changed);
    assert.deepEqual(local.listAgreements().map((found) => found.id), ['au-outbound', 'au-inbound', 'public-outbound']);
    assert.deepEqual(local.listAgreements('au').map((found) => found.id), ['au-outbound', 'au-inbound']);
    assert.throws(() => local.removePartner('au'), /partner au still has agreements \(au-outbound, au-inbound\); remove them first/);
    assert.equal(local.removeAgreement('au-outbound'), true);
    assert.equal(local.removeAgreement('au-outbound'), false);
    assert.equal(local.removeAgreement('au-inbound'), true);
    assert.equal(local.removePartner('au'), true);
    assert.equal(local.removePartner('au'), false);
    assert.equal(local.partner('au'), undefined);
  });
});
