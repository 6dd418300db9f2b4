import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../../src/server/api/contract.ts';
import { canEditAgreements, canReadAudit, canReadPartners } from './roles.ts';

describe('roles', () => {
  const table: [Role, audit: boolean, partners: boolean, edit: boolean][] = [
    ['admin', true, true, true],
    ['analyst', true, true, false],
    ['reader', false, true, false],
    ['partner', false, false, false],
  ];
  for (const [role, audit, partners, edit] of table) {
    it(`${role}: audit ${audit}, partners ${partners}, edit agreements ${edit}`, () => {
      assert.deepEqual([canReadAudit(role), canReadPartners(role), canEditAgreements(role)], [audit, partners, edit]);
    });
  }
});
