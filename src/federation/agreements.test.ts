import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAgreement, type AgreementContext, type AgreementInput } from './agreements.ts';
import type { Partner, SharingAgreement } from './model.ts';

const now = '2024-01-01T00:00:00.000Z';
const au: Partner = { name: 'au', kind: 'state', createdAt: now };
const open: Partner = { name: 'public', kind: 'public', createdAt: now };
const JOINT = 'c0ffee00-0000-4000-8000-000000000001';

function contextFor(partner: Partner | undefined, stored: SharingAgreement[] = []): AgreementContext {
  return {
    partner,
    agreement: (id) => stored.find((agreement) => agreement.id === id),
    partnerAgreements: stored.filter((agreement) => agreement.partner === partner?.name),
    collectionIds: new Set([JOINT]),
    now,
  };
}

function accepted(input: AgreementInput, context: AgreementContext) {
  const checked = checkAgreement(input, context);
  assert.ok(checked.ok, checked.ok ? '' : checked.problems.join('; '));
  return checked;
}

function refused(input: AgreementInput, context: AgreementContext = contextFor(au)): string[] {
  const checked = checkAgreement(input, context);
  assert.equal(checked.ok, false, 'refused');
  return checked.ok ? [] : checked.problems;
}

describe('checkAgreement', () => {
  it('makes a new agreement with defaults: every collection and type, CLEAR and GREEN, nothing onward, id PARTNER-DIRECTION', () => {
    const { value, warnings } = accepted({ partner: 'au', direction: 'outbound' }, contextFor(au));
    assert.deepEqual(value, { agreement: { id: 'au-outbound', partner: 'au', direction: 'outbound', collections: ['*'], objectTypes: ['*'], tlp: ['clear', 'green'], onward: false, updatedAt: now } });
    assert.deepEqual(warnings, []);
  });

  it('reads lists, TLP in either spelling, onward and basis; sorts TLP least restrictive first', () => {
    const { value } = accepted({ partner: 'au', direction: 'inbound', collections: JOINT, types: 'indicator, malware,x-acme-case', tlp: 'TLP:AMBER,clear', onward: 'no', basis: ' UK-AU joint statement ' }, contextFor(au));
    assert.deepEqual(value.agreement, {
      id: 'au-inbound', partner: 'au', direction: 'inbound', collections: [JOINT], objectTypes: ['indicator', 'malware', 'x-acme-case'], tlp: ['clear', 'amber'], onward: false, basis: 'UK-AU joint statement', updatedAt: now,
    });
  });

  it('changes the partner\'s only agreement in that direction, keeping what is not given', () => {
    const first = accepted({ partner: 'au', direction: 'outbound', types: 'indicator', basis: 'MoU' }, contextFor(au)).value.agreement;
    const { value } = accepted({ partner: 'au', direction: 'outbound', tlp: 'clear' }, contextFor(au, [first]));
    assert.deepEqual(value.previous, first);
    assert.deepEqual(value.agreement, { ...first, tlp: ['clear'] });
    const cleared = accepted({ partner: 'au', direction: 'outbound', basis: '' }, contextFor(au, [first])).value.agreement;
    assert.equal(cleared.basis, undefined, 'an empty basis clears it');
  });

  it('keeps several agreements apart by id, and asks which one when there are several', () => {
    const bilateral = accepted({ partner: 'au', direction: 'outbound' }, contextFor(au)).value.agreement;
    const joint = accepted({ partner: 'au', direction: 'outbound', id: 'uk-au-pl-joint', collections: JOINT, onward: 'yes', tlp: 'clear,green' }, contextFor(au, [bilateral])).value;
    assert.equal(joint.previous, undefined);
    assert.equal(joint.agreement.id, 'uk-au-pl-joint');
    assert.match(refused({ partner: 'au', direction: 'outbound', tlp: 'clear' }, contextFor(au, [bilateral, joint.agreement]))[0]!,
      /au has 2 outbound agreements \(au-outbound, uk-au-pl-joint\): say which with --id/);
    const taken = { ...bilateral, id: 'au-outbound', direction: 'inbound' as const };
    assert.equal(accepted({ partner: 'au', direction: 'outbound' }, { ...contextFor(au), agreement: (id) => (id === 'au-outbound' ? taken : undefined) }).value.agreement.id, 'au-outbound-2');
  });

  it('warns, and stores, onward=yes with AMBER, AMBER+STRICT or RED: onward applies to CLEAR and GREEN only', () => {
    const { value, warnings } = accepted({ partner: 'au', direction: 'inbound', tlp: 'clear,green,amber,red', onward: 'yes' }, contextFor(au));
    assert.equal(value.agreement.onward, true);
    assert.deepEqual(warnings, ['onward sharing applies only to TLP:CLEAR and TLP:GREEN: what is marked TLP:AMBER, TLP:RED under au-inbound never travels onward']);
    assert.deepEqual(accepted({ partner: 'au', direction: 'inbound', tlp: 'clear,green', onward: 'yes' }, contextFor(au)).warnings, []);
  });

  it('gives the public TLP:CLEAR only, outbound only', () => {
    assert.deepEqual(accepted({ partner: 'public', direction: 'outbound' }, contextFor(open)).value.agreement.tlp, ['clear']);
    assert.match(refused({ partner: 'public', direction: 'outbound', tlp: 'clear,green' }, contextFor(open))[0]!, /public is the public: only TLP:CLEAR may go to the public \(TLP 2\.0\), not TLP:GREEN/);
    assert.match(refused({ partner: 'public', direction: 'inbound' }, contextFor(open))[0]!, /it sends nothing, so it can have only an outbound agreement/);
  });

  it('refuses, each with a precise message', () => {
    assert.match(refused({ partner: 'nz', direction: 'outbound' }, contextFor(undefined))[0]!, /there is no partner named "nz" \(see `accord partner list`\)/);
    assert.match(refused({ partner: 'au', direction: 'both' })[0]!, /unknown direction "both": expected outbound or inbound/);
    assert.match(refused({ partner: 'au', direction: 'outbound', tlp: 'clear,white,amber-strict' })[0]!, /unknown TLP levels "white", "amber-strict": expected some of clear, green, amber, amber\+strict, red/);
    assert.match(refused({ partner: 'au', direction: 'outbound', tlp: ',' })[0]!, /no TLP level given/);
    assert.match(refused({ partner: 'au', direction: 'outbound', collections: 'nope' })[0]!, /there is no collection "nope" on this node/);
    assert.match(refused({ partner: 'au', direction: 'outbound', collections: `*,${JOINT}` })[0]!, /collections: \* already means all/);
    assert.match(refused({ partner: 'au', direction: 'outbound', collections: '' })[0]!, /no collections given/);
    assert.match(refused({ partner: 'au', direction: 'outbound', types: 'indicatr' })[0]!, /"indicatr" is not a STIX 2\.1 object type \(custom types start with x-, Accord.s workflow types with accord-\)/);
    assert.match(refused({ partner: 'au', direction: 'outbound', types: 'Indicator' })[0]!, /the object type "Indicator" is not a STIX type name/);
    assert.match(refused({ partner: 'au', direction: 'outbound', onward: 'maybe' })[0]!, /--onward takes yes or no, not "maybe"/);
    assert.match(refused({ partner: 'au', direction: 'outbound', id: 'Bad Id' })[0]!, /the agreement id "Bad Id" is not allowed/);
    const other: SharingAgreement = { id: 'pl-outbound', partner: 'pl', direction: 'outbound', collections: ['*'], objectTypes: ['*'], tlp: ['clear'], onward: false, updatedAt: now };
    assert.match(refused({ partner: 'au', direction: 'outbound', id: 'pl-outbound' }, { ...contextFor(au), agreement: () => other })[0]!, /agreement pl-outbound is the outbound agreement with pl; choose another id/);
  });
});
