/**
 * Authentication (k8s.io/apiserver/pkg/authentication): who is calling. An Authenticator looks at one request and
 * either finds no credentials of its kind (`{ ok: false }`), rejects the credentials it found (`{ ok: false, error }`),
 * or names the user. A chain (union.ts) asks each in order; the first user wins.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const GROUP_AUTHENTICATED = 'system:authenticated';

/** The parts of a request (HTTP or upgrade) an authenticator may read. */
export interface AuthenticationRequest {
  readonly headers: IncomingHttpHeaders;
  readonly socket: Socket;
}

export type AuthenticationResult =
  | { ok: true; user: UserInfo; authenticator: string }
  | { ok: false; error?: string };

export interface Authenticator {
  readonly name: string;
  authenticate(req: AuthenticationRequest): AuthenticationResult | Promise<AuthenticationResult>;
}

export const withAuthenticatedGroup = (groups: readonly string[]): string[] =>
  groups.includes(GROUP_AUTHENTICATED) ? [...groups] : [...groups, GROUP_AUTHENTICATED];
