/**
 * The API server's HTTPS listener. It asks every client for a certificate without requiring one (token users
 * still connect), authenticates each request before the handler sees it (401 Status answered here), keeps
 * connections alive across requests, and shuts down in order (see connections.ts).
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { newInternalError, newNotImplemented } from '../../machinery/errors/status.js';
import type { Logger } from '../../machinery/log/logger.js';
import { authenticateRequest } from '../authn/request.js';
import type { Authenticator, UserInfo } from '../authn/types.js';
import { x509Authenticator } from '../authn/x509.js';
import { ConnectionTracker } from './connections.js';
import { writeStatus, writeStatusToSocket } from './respond.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, user: UserInfo | undefined) => void | Promise<void>;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, user: UserInfo | undefined) => void | Promise<void>;

export interface SecureServerOptions {
  host: string;
  /** 0 picks a free port; the chosen one is in `address.port`. */
  port: number;
  tls: { cert: string; key: string; ca: string };
  handler: RequestHandler;
  onUpgrade?: UpgradeHandler;
  logger: Logger;
  /** Default: client certificates verified against `tls.ca`. */
  authenticator?: Authenticator;
  /** How long requests in flight may take to finish at shutdown before their connections are destroyed. */
  shutdownGraceMs?: number;
}

export interface SecureServer {
  address: { host: string; port: number };
  /** Stops accepting, closes idle and long-running connections, waits (bounded) for the rest. Idempotent. */
  close(): Promise<void>;
}

/** Go clients keep idle connections 90 s: outlive that so a reused connection is not closed under a request. */
const KEEP_ALIVE_MS = 95_000;

export async function startSecureServer(opts: SecureServerOptions): Promise<SecureServer> {
  const server = createServer({
    cert: opts.tls.cert,
    key: opts.tls.key,
    ca: opts.tls.ca,
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
    handshakeTimeout: 10_000,
    keepAliveTimeout: KEEP_ALIVE_MS,
  });
  const tracker = new ConnectionTracker();
  const authenticator = opts.authenticator ?? x509Authenticator();
  const ctx: Ctx = { opts, tracker, authenticator, log: opts.logger };
  server.on('connection', (s: Socket) => tracker.addRaw(s));
  server.on('secureConnection', (s: Duplex) => tracker.addSecure(s));
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void onRequest(ctx, req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(ctx, req, socket, head));
  server.on('tlsClientError', (err: Error) => ctx.log.debug('TLS handshake failed', { err: err.message }));
  await listen(server, opts.host, opts.port);
  const { address, port } = server.address() as AddressInfo;
  return { address: { host: address, port }, close: closer(server, tracker, opts.shutdownGraceMs ?? 5_000) };
}

interface Ctx {
  opts: SecureServerOptions;
  tracker: ConnectionTracker;
  authenticator: Authenticator;
  log: Logger;
}

async function onRequest(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.tracker.requestStarted(req, res);
  try {
    const decision = await authenticateRequest(req, ctx.authenticator);
    if (!decision.allowed) {
      ctx.log.debug('Unauthorized request', { method: req.method, path: req.url, reason: decision.reason });
      return writeStatus(res, decision.status.status);
    }
    await ctx.opts.handler(req, res, decision.user);
  } catch (err) {
    ctx.log.error('Request handler failed', { method: req.method, path: req.url, err });
    if (!res.headersSent) writeStatus(res, newInternalError(err).status);
    else res.destroy();
  }
}

async function onUpgrade(ctx: Ctx, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  ctx.tracker.upgraded(socket);
  try {
    const decision = await authenticateRequest(req, ctx.authenticator);
    if (!decision.allowed) return writeStatusToSocket(socket, decision.status.status);
    if (!ctx.opts.onUpgrade) return writeStatusToSocket(socket, newNotImplemented('upgrades are not supported').status);
    await ctx.opts.onUpgrade(req, socket, head, decision.user);
  } catch (err) {
    ctx.log.error('Upgrade handler failed', { path: req.url, err });
    socket.destroy();
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => reject(err);
    server.once('error', fail);
    server.listen({ host, port }, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

function closer(server: Server, tracker: ConnectionTracker, graceMs: number): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      const deadline = setTimeout(() => tracker.destroyAll(), graceMs);
      server.close(() => {
        clearTimeout(deadline);
        resolve();
      });
      server.closeIdleConnections();
      tracker.beginShutdown();
    });
    return closing;
  };
}
