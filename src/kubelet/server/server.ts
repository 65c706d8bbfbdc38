/**
 * The kubelet's HTTPS server (upstream's port 10250), what the API server proxies `kubectl logs/exec/attach/
 * port-forward` to:
 *   GET  /healthz                                   → "ok"
 *   GET  /containerLogs/{ns}/{pod}/{container}?…    → the container's log (container-logs.ts)
 *   GET|POST /exec|/attach|/portForward/…  with an Upgrade header → spliced onto the runtime's stream server
 *                                           (WebSocket v5 exec/attach and the port-forward WebSocket tunnel:
 *                                           bridged to SPDY, v5-bridge.ts and portforward-tunnel.ts)
 *
 * Authentication: TLS client certificates only, verified against `tls.ca` (a client without a valid certificate
 * fails the handshake). Authorization: `authorize(user)` (default: members of system:masters, which the API
 * server's kube-apiserver-kubelet-client certificate is), 403 otherwise.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { realClock, type Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import { serveContainerLogs } from './container-logs.js';
import type { KubeletServerRuntime } from './containers.js';
import { badRequest, notFound, statusOf, toStatus, writeStatus, writeStatusToSocket } from './respond.js';
import { proxyToStreamServer, streamFlags, streamUrl } from './streaming.js';
import { bridgeV5, offersV5 } from './v5-bridge.js';
import { offersPortForwardTunnel, tunnelPortForward } from './portforward-tunnel.js';
import { StatusError } from '../../machinery/errors/status.js';

export type { KubeletServerRuntime } from './containers.js';

export interface KubeletServerUser {
  name: string;
  groups: string[];
}

export interface KubeletServerOptions {
  /** Default 0.0.0.0 (the API server reaches the node at its InternalIP). */
  host?: string;
  /** Default 10250; 0 picks a free port (tests). */
  port?: number;
  /** The kubelet's serving pair (pki issueKubeletServing) and the cluster CA that signs its clients. PEM. */
  tls: { cert: string; key: string; ca: string };
  runtime: KubeletServerRuntime;
  logger: Logger;
  /** Who may use the endpoints; default: members of system:masters. */
  authorize?: (user: KubeletServerUser) => boolean;
  clock?: Clock;
  /** How often a `follow` reader polls a log file that has not grown (default 250 ms). */
  logPollIntervalMs?: number;
  /**
   * Terminate the WebSockets containerd does not speak and talk SPDY to it instead: `v5.channel.k8s.io` exec/attach
   * (v5-bridge.ts) and the `SPDY/3.1+portforward.k8s.io` port-forward tunnel (portforward-tunnel.ts); default true.
   * When false, such offers pass through raw and the runtime refuses them (kubectl then retries over SPDY).
   */
  bridgeWebSockets?: boolean;
}

export interface KubeletServer {
  host: string;
  port: number;
  /** Stops listening and ends every open connection (log follows, exec sessions). Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_KUBELET_PORT = 10250;
const STREAMING = new Set(['exec', 'attach', 'portForward']);
const mastersOnly = (u: KubeletServerUser) => u.groups.includes('system:masters');

export async function startKubeletServer(opts: KubeletServerOptions): Promise<KubeletServer> {
  const server = createServer({ cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' });
  const sockets = new Set<Duplex>();
  const track = (s: Duplex) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const log = opts.logger;
  const clock = opts.clock ?? realClock;
  const authorize = opts.authorize ?? mastersOnly;
  server.on('connection', (s: Socket) => track(s));
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void onRequest(opts, clock, authorize, req, res).catch((err: unknown) => {
      const st = toStatus(err);
      if (st.code >= 500) log.error('kubelet server request failed', { path: req.url, err: String(err) });
      if (!res.headersSent) writeStatus(res, st);
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    track(socket);
    void onUpgrade(opts, authorize, req, socket, head).catch((err: unknown) => {
      const st = toStatus(err);
      if (st.code >= 500) log.error('kubelet stream failed', { path: req.url, err: String(err) });
      if (socket.writable) writeStatusToSocket(socket, st);
    });
  });
  server.on('tlsClientError', (err: Error) => log.debug('kubelet server: TLS handshake failed', { err: err.message }));
  await listen(server, opts.host ?? '0.0.0.0', opts.port ?? DEFAULT_KUBELET_PORT);
  const { address, port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    host: address,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      })),
  };
}

function userOf(req: IncomingMessage): KubeletServerUser {
  const cert = (req.socket as TLSSocket).getPeerCertificate();
  const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return { name: list(cert.subject?.CN)[0] ?? '', groups: list(cert.subject?.O) };
}

function checkAccess(authorize: (u: KubeletServerUser) => boolean, req: IncomingMessage): void {
  const user = userOf(req);
  if (!authorize(user)) throw new StatusError(statusOf(403, 'Forbidden', `user "${user.name}" may not use the kubelet API`));
}

function splitPath(req: IncomingMessage): { parts: string[]; query: URLSearchParams } {
  const url = new URL(req.url ?? '/', 'https://kubelet');
  return { parts: url.pathname.split('/').filter(Boolean).map(decodeURIComponent), query: url.searchParams };
}

async function onRequest(opts: KubeletServerOptions, clock: Clock, authorize: (u: KubeletServerUser) => boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  checkAccess(authorize, req);
  const { parts, query } = splitPath(req);
  if (parts.length === 1 && parts[0] === 'healthz') return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  if (parts[0] === 'containerLogs') {
    if (req.method !== 'GET') throw new StatusError(statusOf(405, 'MethodNotAllowed', 'containerLogs accepts only GET'));
    const [, namespace, pod, container] = parts;
    if (!namespace || !pod || !container || parts.length !== 4) throw badRequest('expected /containerLogs/{namespace}/{pod}/{container}');
    const ctx = { runtime: opts.runtime, clock, ...(opts.logPollIntervalMs ? { pollIntervalMs: opts.logPollIntervalMs } : {}) };
    return serveContainerLogs(ctx, res, { namespace, pod, container }, query);
  }
  if (STREAMING.has(parts[0] ?? '')) throw badRequest(`${parts[0]} needs an upgrade request (SPDY/3.1 or WebSocket)`);
  throw notFound(`the kubelet serves no ${req.url?.split('?')[0]}`);
}

async function onUpgrade(opts: KubeletServerOptions, authorize: (u: KubeletServerUser) => boolean, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  checkAccess(authorize, req);
  const { parts, query } = splitPath(req);
  if (!STREAMING.has(parts[0] ?? '')) throw notFound(`the kubelet serves no upgrade at ${req.url?.split('?')[0]}`);
  const url = await streamUrl(opts.runtime, parts, query);
  if (opts.bridgeWebSockets !== false && parts[0] !== 'portForward' && offersV5(req)) {
    return bridgeV5(req, socket, head, url, streamFlags(query));
  }
  if (opts.bridgeWebSockets !== false && parts[0] === 'portForward' && offersPortForwardTunnel(req)) {
    return tunnelPortForward(req, socket, head, url);
  }
  await proxyToStreamServer(req, socket, head, url);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
