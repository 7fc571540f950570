// The signed-in person, for every page: loaded once at start from the refresh token (if any),
// set on sign-in, cleared on sign-out or when the API ends the session.
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client.ts';
import { clearSession, hasSession, onSessionEnd, refreshToken, storeTokens } from '../api/session.ts';
import type { TokensAndUser, User } from '../api/types.ts';
import { navigate } from '../router.tsx';

export interface Session {
  user: User | null;
  /** False until we know whether a stored session still works. */
  ready: boolean;
  /** Why the stored session could not be checked (offline), when it could not. */
  startError: unknown;
  signIn: (tokens: TokensAndUser) => void;
  signOut: () => Promise<void>;
  setUser: (user: User) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [user, setUserState] = useState<User | null>(null);
  const [ready, setReady] = useState(!hasSession());
  const [startError, setStartError] = useState<unknown>(null);

  useEffect(() => {
    if (hasSession()) {
      api<User>('/auth/user/').then(
        (loaded) => {
          setUserState(loaded);
          setReady(true);
        },
        (error: unknown) => {
          // A refused session means signed out; anything else (offline) is shown, not hidden.
          if (!(error instanceof ApiError && error.status === 401)) setStartError(error);
          setReady(true);
        },
      );
    }
    return onSessionEnd(() => setUserState(null));
  }, []);

  const signIn = useCallback((tokens: TokensAndUser) => {
    storeTokens(tokens);
    setStartError(null);
    setUserState(tokens.user);
  }, []);

  const signOut = useCallback(async () => {
    const refresh = refreshToken();
    // Best effort: the API closes the session; here it ends whatever the API answers.
    await api('/auth/logout/', { method: 'POST', json: refresh ? { refresh } : {} }).catch(() => {});
    // To the sign-in page first: from a page that needs a session, losing it would otherwise
    // read as "sign in to come back here".
    navigate('/signin');
    clearSession();
    setUserState(null);
  }, []);

  const value = useMemo<Session>(
    () => ({ user, ready, startError, signIn, signOut, setUser: setUserState }),
    [user, ready, startError, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
