/** The signed-in account, its node and role, for every view. */
import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../src/server/api/contract.ts';

export const SessionContext = createContext<SessionInfo | undefined>(undefined);

export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession used outside a signed-in page');
  return session;
}
