import type { Role } from '../domain/users/user.js';

/** Password hashing (argon2id in production). */
export interface PasswordHasher {
  /** A self-describing hash (algorithm, parameters and salt included). */
  hash(password: string): Promise<string>;
  /** False for a wrong password or a malformed hash; never throws for either. */
  verify(hash: string, password: string): Promise<boolean>;
}

/** What a bearer token carries, so a request needs no store read to know who is asking. */
export interface TokenClaims {
  sub: string;
  role: Role;
  name: string;
  orgId?: string;
  /** The staff org's region code (its reach). */
  orgRegionCode?: string;
  /** Set when the staff org is an enterprise union. */
  orgEnterpriseId?: string;
  subjectId?: string;
  /** The user's token version when signed; a token whose version is behind the user's is revoked. */
  ver?: number;
}

export interface TokenIssuer {
  /** A signed token that expires after the configured lifetime. */
  sign(claims: TokenClaims): Promise<{ token: string; expiresAt: string }>;
  /** The claims of a valid token, or null when it is malformed, forged or expired (`reason` says which). */
  verify(token: string): Promise<{ claims: TokenClaims; expiresAtMs: number } | { claims: null; reason: 'expired' | 'invalid' }>;
}
