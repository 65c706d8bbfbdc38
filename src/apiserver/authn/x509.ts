/**
 * Client-certificate authentication (upstream's x509 request authenticator): a certificate verified against the
 * cluster CA during the TLS handshake names the user by its CN and the groups by its O values. The server
 * requests a certificate without requiring one, so an unverified certificate is rejected here, per request.
 * A connection's answer is cached: the peer certificate cannot change on an established TLS connection.
 */
import type { TLSSocket } from 'node:tls';
import { withAuthenticatedGroup, type AuthenticationRequest, type AuthenticationResult, type Authenticator } from './types.js';

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export function x509Authenticator(): Authenticator {
  const cache = new WeakMap<object, AuthenticationResult>();
  return {
    name: 'x509',
    authenticate(req: AuthenticationRequest): AuthenticationResult {
      const socket = req.socket as Partial<TLSSocket>;
      if (typeof socket.getPeerCertificate !== 'function') return { ok: false };
      let result = cache.get(req.socket);
      if (!result) {
        result = fromTLSSocket(socket as TLSSocket);
        cache.set(req.socket, result);
      }
      return result;
    },
  };
}

function fromTLSSocket(socket: TLSSocket): AuthenticationResult {
  const cert = socket.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return { ok: false };
  if (!socket.authorized) {
    return { ok: false, error: `x509: client certificate rejected: ${String(socket.authorizationError ?? 'not verified')}` };
  }
  const username = asList(cert.subject?.CN)[0] ?? '';
  if (username === '') return { ok: false, error: 'x509: client certificate has an empty common name' };
  return { ok: true, authenticator: 'x509', user: { username, groups: withAuthenticatedGroup(asList(cert.subject?.O)) } };
}
