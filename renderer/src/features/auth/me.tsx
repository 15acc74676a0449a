import { createContext, useContext } from 'react';
import type { MeData } from '../../../../shared/api/auth';
import type { Permission } from '../../../../shared/api/contract';

export interface Session {
  me: MeData;
  can: (perm: Permission) => boolean;
  signOut: (everywhere?: boolean) => Promise<void>;
  lock: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; the app renders nothing that needs it before sign-in. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in app');
  return s;
}
