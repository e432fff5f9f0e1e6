import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type Api, createApi, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

export type Account =
  paths['/api/v1/auth/login']['post']['responses']['200']['content']['application/json']['account'];

/** Which app a session belongs to: each keeps its own sign-in (a buyer and a merchant in one browser). */
export type AppScope = 'buyer' | 'merchant' | 'ops';

interface Stored {
  token: string;
  account: Account;
}

interface Session {
  scope: AppScope;
  api: Api;
  account: Account | undefined;
  login(login: string, password: string): Promise<Account>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

const storageKey = (scope: AppScope) => `xinren.session.${scope}`;

function readStored(scope: AppScope): Stored | undefined {
  try {
    const raw = localStorage.getItem(storageKey(scope));
    return raw ? (JSON.parse(raw) as Stored) : undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ scope, children }: { scope: AppScope; children: ReactNode }) {
  const [stored, setStored] = useState<Stored | undefined>(() => readStored(scope));
  const api = useMemo(() => {
    const client = createApi(() => readStored(scope)?.token);
    // A token the server no longer accepts ends the session here too.
    client.use({
      onResponse({ response }) {
        if (response.status === 401 && readStored(scope)) {
          localStorage.removeItem(storageKey(scope));
          setStored(undefined);
        }
        return response;
      },
    });
    return client;
  }, [scope]);
  const login = useCallback(
    async (login: string, password: string) => {
      const session = await unwrap(api.POST('/api/v1/auth/login', { body: { login, password } }));
      const next = { token: session.token, account: session.account };
      localStorage.setItem(storageKey(scope), JSON.stringify(next));
      setStored(next);
      return session.account;
    },
    [api, scope],
  );
  const logout = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout');
    } finally {
      localStorage.removeItem(storageKey(scope));
      setStored(undefined);
    }
  }, [api, scope]);
  const value = useMemo<Session>(
    () => ({ scope, api, account: stored?.account, login, logout }),
    [scope, api, stored, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The typed API client of the current app's session. */
export function useApi(): Api {
  return useSession().api;
}
