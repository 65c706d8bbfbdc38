/**
 * A Transport over node:http / node:https: keep-alive agents with a bounded number of sockets for ordinary
 * requests, a separate agent for watches (each holds its socket for its whole life and must never starve the
 * requests), a whole-request timeout for ordinary requests and none for watches.
 */
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Headers, StreamResponse, Transport, TransportResponse } from './transport.js';

export type RequestFn = (opts: RequestOptions, cb: (res: IncomingMessage) => void) => ClientRequest;

export interface NodeTransportOptions {
  requestFn: RequestFn;
  /** Where to connect (host/port or socketPath) and TLS settings, merged into every request. */
  target: RequestOptions;
  /** Prepended to every path (a server URL like https://h:6443/prefix). */
  pathPrefix?: string;
  agent: Agent;
  streamAgent: Agent;
  /** Whole-request timeout of non-watch requests; default 60 s. */
  timeoutMs?: number;
  /** Added to every request (Authorization, User-Agent). */
  headers?: Headers;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function collect(res: IncomingMessage): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    res.on('error', reject);
  });
}

export class NodeHttpTransport implements Transport {
  constructor(private readonly o: NodeTransportOptions) {}

  private options(method: string, path: string, headers: Headers, agent: Agent, signal: AbortSignal): RequestOptions {
    return { ...this.o.target, method, path: (this.o.pathPrefix ?? '') + path, headers: { ...this.o.headers, ...headers }, agent, signal };
  }

  request(method: string, path: string, headers: Headers, body?: Buffer | string): Promise<TransportResponse> {
    const ms = this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = AbortSignal.timeout(ms);
    const h = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
    return new Promise<TransportResponse>((resolve, reject) => {
      const req = this.o.requestFn(this.options(method, path, h, this.o.agent, signal), (res) => collect(res).then(resolve, reject));
      req.on('error', (err) => reject(signal.aborted ? new Error(`${method} ${path}: no answer within ${ms} ms`, { cause: err }) : err));
      req.end(body);
    });
  }

  stream(method: string, path: string, headers: Headers, signal: AbortSignal): Promise<StreamResponse> {
    return new Promise<StreamResponse>((resolve, reject) => {
      const req = this.o.requestFn(this.options(method, path, headers, this.o.streamAgent, signal), (res) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
      );
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.o.agent.destroy();
    this.o.streamAgent.destroy();
  }
}
