/**
 * A chain of authenticators (upstream's union authenticator): asks each in order and returns the first user
 * found. When none finds a user, the errors of those that rejected credentials are joined; no errors means the
 * request carried no credentials at all.
 */
import type { AuthenticationRequest, AuthenticationResult, Authenticator } from './types.js';

export function unionAuthenticator(...chain: Authenticator[]): Authenticator {
  return {
    name: chain.map((a) => a.name).join('+'),
    async authenticate(req: AuthenticationRequest): Promise<AuthenticationResult> {
      const errors: string[] = [];
      for (const a of chain) {
        const res = await a.authenticate(req);
        if (res.ok) return res;
        if (res.error) errors.push(res.error);
      }
      return errors.length ? { ok: false, error: errors.join('; ') } : { ok: false };
    },
  };
}
