/**
 * A watch stream read by the load generator: every event's resourceVersion with the time it arrived
 * (performance.now()), parsed from the JSON-lines body as soon as each chunk lands.
 */
import { request, type Agent } from 'node:https';
import type { ClientRequest } from 'node:http';

export class WatchReader {
  /** resourceVersion → arrival time (ms, performance.now()). */
  readonly arrivals = new Map<string, number>();
  private buffered = '';
  private listener: (() => void) | undefined;
  private failure: Error | undefined;

  private constructor(private readonly req: ClientRequest) {}

  /** Resolves once the server answered 200 and sent the headers (the watch is established). */
  static open(base: string, path: string, agent: Agent): Promise<WatchReader> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { method: 'GET', headers: { Accept: 'application/json' }, agent }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
        const reader = new WatchReader(req);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => reader.onData(chunk));
        res.on('error', (e) => reader.fail(e));
        res.on('close', () => reader.fail(new Error('watch stream closed by the server')));
        resolve(reader);
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** Resolves when `done()` holds, polling on every arrival; rejects at the deadline or if the stream fails. */
  waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`watch: not every event arrived within ${timeoutMs} ms`)), timeoutMs);
      const finish = (err?: Error) => {
        clearTimeout(timer);
        this.listener = undefined;
        if (err) reject(err);
        else resolve();
      };
      this.listener = () => {
        if (this.failure) finish(this.failure);
        else if (done()) finish();
      };
      this.listener();
    });
  }

  close(): void {
    this.req.destroy();
  }

  private onData(chunk: string): void {
    const now = performance.now();
    this.buffered += chunk;
    for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, nl).trim();
      this.buffered = this.buffered.slice(nl + 1);
      if (!line) continue;
      const ev = JSON.parse(line) as { type: string; object?: { metadata?: { resourceVersion?: string } } };
      if (ev.type === 'ERROR') return this.fail(new Error(`watch error event: ${line}`));
      const rv = ev.object?.metadata?.resourceVersion;
      if (rv && !this.arrivals.has(rv)) this.arrivals.set(rv, now);
    }
    this.listener?.();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.listener?.();
  }
}
