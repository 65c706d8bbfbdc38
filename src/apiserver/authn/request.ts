/**
 * The authentication step in front of every handler: a request that names a user goes on with that user; one
 * that does not may go on anonymously only to the health and version endpoints; anything else is answered
 * 401 Unauthorized with a Status body, as upstream.
 */
import { newUnauthorized, type StatusError } from '../../machinery/errors/status.js';
import type { AuthenticationRequest, Authenticator, UserInfo } from './types.js';

/** Paths (and their sub-paths) served to anonymous callers. */
export const ANONYMOUS_PATHS = ['/livez', '/readyz', '/healthz', '/version'] as const;

export function isAnonymousPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?', 1)[0]!;
  return ANONYMOUS_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

export type AuthenticationDecision =
  | { allowed: true; user: UserInfo | undefined }
  | { allowed: false; status: StatusError; reason?: string };

export async function authenticateRequest(
  req: AuthenticationRequest & { readonly url?: string },
  authenticator: Authenticator,
): Promise<AuthenticationDecision> {
  const res = await authenticator.authenticate(req);
  if (res.ok) return { allowed: true, user: res.user };
  if (isAnonymousPath(req.url)) return { allowed: true, user: undefined };
  return { allowed: false, status: newUnauthorized(), ...(res.error ? { reason: res.error } : {}) };
}
