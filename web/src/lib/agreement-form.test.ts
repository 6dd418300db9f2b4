import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgreementView } from '../../../src/server/api/contract.ts';
import { splitList, toFields, toInput } from './agreement-form.ts';

const agreement: AgreementView = {
  id: 'au-bilateral-outbound', partner: 'au', direction: 'outbound', collections: ['*'], objectTypes: ['*'],
  tlp: ['clear', 'green', 'amber'], onward: false, basis: 'MoU 2024', updatedAt: '2024-01-01T00:00:00Z',
};

describe('agreement form', () => {
  it('splits comma-separated lists', () => {
    assert.deepEqual(splitList(' indicator, malware,,indicator , '), ['indicator', 'malware']);
    assert.deepEqual(splitList(''), []);
  });

  it('round-trips an unchanged agreement', () => {
    const result = toInput(agreement, toFields(agreement));
    assert.deepEqual(result, { ok: true, input: { id: 'au-bilateral-outbound', partner: 'au', direction: 'outbound', collections: ['*'], objectTypes: ['*'], tlp: ['clear', 'green', 'amber'], onward: false, basis: 'MoU 2024' } });
  });

  it('keeps TLP levels in TLP order and drops an empty basis', () => {
    const result = toInput(agreement, { ...toFields(agreement), tlp: ['red', 'clear'], basis: '  ', objectTypes: 'indicator, malware' });
    assert.ok(result.ok);
    assert.deepEqual(result.input.tlp, ['clear', 'red']);
    assert.deepEqual(result.input.objectTypes, ['indicator', 'malware']);
    assert.equal('basis' in result.input, false);
  });

  it('names every problem', () => {
    const result = toInput(agreement, { tlp: [], objectTypes: 'Indicator, malware', collections: ' , ', onward: true, basis: '' });
    assert.deepEqual(result, {
      ok: false,
      problems: [
        'Object types: "Indicator" not a STIX type name (lower case letters, digits and hyphens).',
        'Collections: list at least one collection id, or * for all.',
        'TLP: choose at least one level.',
      ],
    });
  });
});
