/**
 * The agreement editor's fields ⇄ an AgreementInput. Lists are typed
 * comma-separated ("indicator, malware", "*" for all); mistakes are named
 * before anything is sent.
 */
import type { AgreementInput, AgreementView, TlpLevel } from '../../../src/server/api/contract.ts';
import { TLP_LEVELS } from './tlp.ts';

export interface AgreementFields {
  tlp: TlpLevel[];
  objectTypes: string;
  collections: string;
  onward: boolean;
  basis: string;
}

export function toFields(agreement: AgreementView): AgreementFields {
  return {
    tlp: [...agreement.tlp],
    objectTypes: agreement.objectTypes.join(', '),
    collections: agreement.collections.join(', '),
    onward: agreement.onward,
    basis: agreement.basis ?? '',
  };
}

/** "a, b,,c " → ["a", "b", "c"], without duplicates. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(',').map((v) => v.trim()).filter(Boolean))];
}

const OBJECT_TYPE = /^[a-z0-9][a-z0-9-]*$/;

export type FormResult = { ok: true; input: AgreementInput } | { ok: false; problems: string[] };

/** The PUT body for an edited agreement, or every problem with the fields. */
export function toInput(agreement: AgreementView, fields: AgreementFields): FormResult {
  const problems: string[] = [];
  const objectTypes = splitList(fields.objectTypes);
  const collections = splitList(fields.collections);
  if (!objectTypes.length) problems.push('Object types: list at least one type, or * for all.');
  const badTypes = objectTypes.filter((t) => t !== '*' && !OBJECT_TYPE.test(t));
  if (badTypes.length) problems.push(`Object types: ${badTypes.map((t) => `"${t}"`).join(', ')} not a STIX type name (lower case letters, digits and hyphens).`);
  if (!collections.length) problems.push('Collections: list at least one collection id, or * for all.');
  if (!fields.tlp.length) problems.push('TLP: choose at least one level.');
  if (problems.length) return { ok: false, problems };
  const basis = fields.basis.trim();
  return {
    ok: true,
    input: {
      id: agreement.id,
      partner: agreement.partner,
      direction: agreement.direction,
      collections,
      objectTypes,
      // In TLP order whatever order the boxes were ticked in.
      tlp: TLP_LEVELS.filter((l) => fields.tlp.includes(l)),
      onward: fields.onward,
      ...(basis ? { basis } : {}),
    },
  };
}
