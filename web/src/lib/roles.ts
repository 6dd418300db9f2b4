/** What each role may use in the app; the server decides again on every call, this only keeps dead ends out of sight. */
import type { Role } from '../../../src/server/api/contract.ts';

/** The audit API answers administrators and analysts only. */
export const canReadAudit = (role: Role): boolean => role === 'admin' || role === 'analyst';
/** Partner accounts are other nodes' system accounts: the federation's set-up is not theirs to read. */
export const canReadPartners = (role: Role): boolean => role !== 'partner';
/** Agreement changes are an administrator's (and audited). */
export const canEditAgreements = (role: Role): boolean => role === 'admin';
