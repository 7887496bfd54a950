import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { forgetAnswers } from './api/answer-cache';
import { api, setUnauthorizedHandler, tokenStore } from './api/client';

export type Role = 'admin' | 'union_staff' | 'enterprise' | 'craftsman';

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  orgId: string | null;
  subjectId: string | null;
}

interface AuthState {
  user: SessionUser | null;
  login: (username: string, password: string) => Promise<SessionUser>;
  /** Forgets the session here (used when the API says the token is no longer valid). */
  logout: () => void;
  /** Ends the session on the server too (every token of this login stops working), then forgets it here. */
  signOut: () => Promise<void>;
  /** Changes one's own password; the server answers with a fresh token that replaces the old one. */
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}

const USER_KEY = 'jx.user';
const AuthContext = createContext<AuthState | null>(null);

/** The signed-in user's id as stored on this device (read before React starts, for the answer cache). */
export const storedUserId = (): string | null => storedUser()?.id ?? null;

function storedUser(): SessionUser | null {
  if (!tokenStore.get()) return null;
  try {
    return JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as SessionUser | null;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(storedUser);

  const logout = useCallback(() => {
    tokenStore.clear();
    localStorage.removeItem(USER_KEY);
    forgetAnswers();
    setUser(null);
  }, []);

  useEffect(() => setUnauthorizedHandler(logout), [logout]);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api<{ token: string; user: SessionUser }>('POST', '/api/auth/login', { username, password });
    if (storedUserId() !== result.user.id) forgetAnswers();
    tokenStore.set(result.token);
    localStorage.setItem(USER_KEY, JSON.stringify(result.user));
    setUser(result.user);
    return result.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api<void>('POST', '/api/auth/logout');
    } catch {
      // Already signed out or unreachable: forgetting the token here is what the person asked for.
    }
    logout();
  }, [logout]);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const result = await api<{ token: string; user: SessionUser }>('POST', '/api/auth/password', { currentPassword, newPassword });
    tokenStore.set(result.token);
    localStorage.setItem(USER_KEY, JSON.stringify(result.user));
    setUser(result.user);
  }, []);

  const value = useMemo(() => ({ user, login, logout, signOut, changePassword }), [user, login, logout, signOut, changePassword]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export const isStaff = (role: Role | undefined) => role === 'admin' || role === 'union_staff';

/** Where each role lands after signing in. */
export const homeOf = (role: Role): string => (role === 'enterprise' ? '/my-orders' : role === 'craftsman' ? '/inbox' : '/board');
