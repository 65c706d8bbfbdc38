/**
 * The real API server on a plain HTTP listener (127.0.0.1, port 0) over a Store, for integration tests.
 * Every request runs as a cluster admin. `stop()` closes the listener, every open connection (watches) and,
 * when the helper opened it, the store.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '../../../src/registry/apiserver.js';
import type { StrategySet } from '../../../src/registry/definitions.js';
import type { ApiServer } from '../../../src/apiserver/server.js';
import type { Store } from '../../../src/storage/interface.js';
import { openSqliteStore } from '../../../src/storage/sqlite/sqlite-store.js';
import { STRATEGIES } from '../../../src/registry/strategies.js';
import { WatchStream } from './watch-stream.js';

export const ADMIN = { username: 'admin', groups: ['system:masters'] };

export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
  text: string;
}

export type Body = string | Buffer | object;

export interface TestApiServer {
  url: string;
  store: Store;
  api: ApiServer;
  request(method: string, path: string, body?: Body, headers?: Record<string, string>): Promise<ApiResponse>;
  watch(path: string, headers?: Record<string, string>): Promise<WatchStream>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Default: a fresh in-memory SQLite store, closed by stop(). */
  store?: Store;
  /** Close `store` on stop() (default: only when the helper opened it). */
  closeStore?: boolean;
  /** Default: the project's STRATEGIES. */
  strategies?: Readonly<Record<string, StrategySet>>;
  /** Skip bootstrap() (system namespaces, default/kubernetes); default false. */
  skipBootstrap?: boolean;
}

export async function startApiServer(opts: StartOptions = {}): Promise<TestApiServer> {
  const store = opts.store ?? openSqliteStore({ path: ':memory:' });
  const closeStore = opts.closeStore ?? !opts.store;
  const http: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const wired = createApiServer({ store, strategies: opts.strategies ?? STRATEGIES, endpoint: { host: '127.0.0.1', port, clusterIP: '10.96.0.1' } });
  http.on('request', (req, res) => wired.server.handle(req, res, ADMIN));
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    await closed;
    if (closeStore) await store.close();
  };
  try {
    if (!opts.skipBootstrap) await wired.bootstrap();
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    store,
    api: wired.server,
    request: (method, path, body, headers) => sendRequest(url, method, path, body, headers),
    watch: (path, headers) => WatchStream.open(url, path, headers),
    stop,
  };
}

/** A server over a SQLite FILE store; stop() closes the store, and calling this again on the path reopens it. */
export async function startSqliteFileServer(path: string, opts: Omit<StartOptions, 'store' | 'closeStore'> = {}): Promise<TestApiServer> {
  // On a failed start (bootstrap error) startApiServer stops the server and closes the store itself.
  return startApiServer({ ...opts, store: openSqliteStore({ path }), closeStore: true });
}

function encode(body: Body | undefined, headers: Record<string, string>): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  return Buffer.from(JSON.stringify(body));
}

export function sendRequest(base: string, method: string, path: string, body?: Body, extra: Record<string, string> = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extra };
  const data = encode(body, headers);
  if (data) headers['Content-Length'] = String(data.length);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
      });
    });
    // The server may answer (413) before it has read the whole body; the answer is what the test checks.
    req.on('error', (e) => answered || reject(e));
    req.end(data);
  });
}
