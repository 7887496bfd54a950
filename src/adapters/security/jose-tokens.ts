import { SignJWT, errors, jwtVerify } from 'jose';
import type { Clock } from '../../ports/clock.js';
import type { TokenClaims, TokenIssuer } from '../../ports/security.js';

const ISSUER = 'jiangxin';

/** HS256 JWTs signed with the configured secret. */
export class JoseTokens implements TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlMinutes: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: string }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + this.ttlMinutes * 60;
    const { sub, ...rest } = claims;
    const token = await new SignJWT({ ...rest }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer(ISSUER).setIssuedAt(now).setExpirationTime(exp).sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async verify(token: string): Promise<{ claims: TokenClaims; expiresAtMs: number } | { claims: null; reason: 'expired' | 'invalid' }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: this.clock.now() });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') return { claims: null, reason: 'invalid' };
      return { claims: payload as unknown as TokenClaims, expiresAtMs: (payload.exp ?? 0) * 1000 };
    } catch (error) {
      return { claims: null, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
