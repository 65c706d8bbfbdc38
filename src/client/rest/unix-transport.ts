/**
 * Plain HTTP over a unix socket: the in-process loopback to the API server (`<data-dir>/run/apiserver.sock`),
 * whose listener authenticates every caller as the API server itself. Requests still pass through the API
 * server's handler: admission, defaults and validation apply.
 */
import { Agent, request } from 'node:http';
import { NodeHttpTransport } from './node-transport.js';
import type { Transport } from './transport.js';

export interface UnixTransportOptions {
  /** Kept-alive sockets for ordinary requests; default 32. */
  maxSockets?: number;
  timeoutMs?: number;
  userAgent?: string;
}

export function unixSocketTransport(socketPath: string, o: UnixTransportOptions = {}): Transport {
  return new NodeHttpTransport({
    requestFn: request,
    target: { socketPath },
    agent: new Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 32, maxFreeSockets: 8 }),
    streamAgent: new Agent({ keepAlive: false }),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    headers: { 'User-Agent': o.userAgent ?? 'k8ts-loopback' },
  });
}
