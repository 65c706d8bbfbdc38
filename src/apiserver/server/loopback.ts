/**
 * The loopback listener: the API server's handler on a unix socket (mode 0600, in a 0700 directory) for the
 * components that run in the same process (`k8ts up`). Whoever can open the socket is this process's user, so
 * every request is authenticated as the API server itself (`system:apiserver`, group `system:masters`) — and still
 * goes through the same handler as HTTPS requests: admission, defaults and validation are never skipped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { chmod, unlink } from 'node:fs/promises';
import { newInternalError } from '../../machinery/errors/status.js';
import { GROUP_AUTHENTICATED, type UserInfo } from '../authn/types.js';
import type { RequestHandler } from './https.js';
import { writeStatus } from './respond.js';

export const LOOPBACK_USER: UserInfo = Object.freeze({
  username: 'system:apiserver',
  groups: ['system:masters', GROUP_AUTHENTICATED],
});

export interface LoopbackServerOptions {
  /** A path in a directory only this user can enter; a stale socket file there is replaced. */
  socketPath: string;
  handler: RequestHandler;
  /** The user every request runs as; default LOOPBACK_USER. */
  user?: UserInfo;
}

export interface LoopbackServer {
  socketPath: string;
  /** Stops accepting, ends open requests and watches, removes the socket file. Idempotent. */
  close(): Promise<void>;
}

export async function startLoopbackServer(o: LoopbackServerOptions): Promise<LoopbackServer> {
  const user = o.user ?? LOOPBACK_USER;
  const server = createServer({ keepAliveTimeout: 95_000 }, (req: IncomingMessage, res: ServerResponse) => {
    Promise.resolve()
      .then(() => o.handler(req, res, user))
      .catch((err: unknown) => {
        if (!res.headersSent) writeStatus(res, newInternalError(err).status);
        else res.destroy();
      });
  });
  await unlink(o.socketPath).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await listen(server, o.socketPath);
  await chmod(o.socketPath, 0o600);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => unlink(o.socketPath).catch(() => undefined));
    return closing;
  };
  return { socketPath: o.socketPath, close };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ path, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
