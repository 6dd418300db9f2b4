import type { Role } from '../../../src/server/api/contract.ts';

/** Who may store assessments, decide norms, propose responses, take positions and record lessons (the node decides on every call). */
export const canWriteLaw = (role: Role): boolean => role === 'admin' || role === 'analyst';
