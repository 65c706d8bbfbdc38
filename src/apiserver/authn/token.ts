/**
 * Bearer tokens (`Authorization: Bearer <token>`) from a static table, upstream's --token-auth-file. Tokens are
 * compared by SHA-256 digest, so a lookup takes the same time whatever the token's prefix.
 */
import { createHash } from 'node:crypto';
import { withAuthenticatedGroup, type AuthenticationRequest, type AuthenticationResult, type Authenticator, type UserInfo } from './types.js';

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

export function bearerToken(req: AuthenticationRequest): string | undefined {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

export function staticTokenAuthenticator(tokens: ReadonlyMap<string, UserInfo>): Authenticator {
  const byDigest = new Map([...tokens].map(([t, u]) => [digest(t), { ...u, groups: withAuthenticatedGroup(u.groups) }]));
  return {
    name: 'token',
    authenticate(req: AuthenticationRequest): AuthenticationResult {
      const token = bearerToken(req);
      if (token === undefined) return { ok: false };
      const user = byDigest.get(digest(token));
      return user ? { ok: true, user, authenticator: 'token' } : { ok: false, error: 'invalid bearer token' };
    },
  };
}
