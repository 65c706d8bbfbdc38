/**
 * A client of one watch request: the response status and headers, then the JSON-lines events as an async
 * iterator. `next(timeoutMs)` and `take(n, timeoutMs)` wait with a deadline (never a fixed sleep); `ended`
 * resolves when the server ends the stream.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ClientRequest } from 'node:http';

export interface WatchEventJson {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

export class WatchStream implements AsyncIterable<WatchEventJson> {
  private readonly queue: WatchEventJson[] = [];
  private waiters: Array<() => void> = [];
  private buffered = '';
  private done = false;
  private failure: Error | undefined;
  /** Resolves when the server ends the response (or it fails, or close() is called). */
  readonly ended: Promise<void>;
  private markEnded!: () => void;

  private constructor(private readonly req: ClientRequest, readonly status: number, readonly headers: IncomingHttpHeaders, res: IncomingMessage) {
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.onData(chunk));
    res.on('end', () => this.finish());
    res.on('error', (e) => this.finish(e));
    res.on('close', () => this.finish());
  }

  /** Resolves once the response headers arrived (the server flushes them before the first event). */
  static open(base: string, path: string, headers: Record<string, string> = {}): Promise<WatchStream> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { method: 'GET', headers: { Accept: 'application/json', ...headers } }, (res) => {
        resolve(new WatchStream(req, res.statusCode ?? 0, res.headers, res));
      });
      req.on('error', reject);
      req.end();
    });
  }

  get isEnded(): boolean {
    return this.done;
  }

  /** Events received but not yet consumed. */
  get pending(): number {
    return this.queue.length;
  }

  close(): void {
    this.req.destroy();
    this.finish();
  }

  /** The next event; undefined when the stream ended; throws after `timeoutMs`. */
  async next(timeoutMs = 10_000): Promise<WatchEventJson | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ev = this.queue.shift();
      if (ev) return ev;
      if (this.failure) throw this.failure;
      if (this.done) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`watch: no event within ${timeoutMs} ms`);
      await this.wait(left);
    }
  }

  /** Exactly the next `n` events (throws on timeout or an early end). */
  async take(n: number, timeoutMs = 20_000): Promise<WatchEventJson[]> {
    const deadline = Date.now() + timeoutMs;
    const out: WatchEventJson[] = [];
    while (out.length < n) {
      const ev = await this.next(Math.max(deadline - Date.now(), 1)).catch((e: Error) => {
        throw new Error(`${e.message} (got ${out.length} of ${n} events: ${summary(out)})`);
      });
      if (!ev) throw new Error(`watch ended after ${out.length} of ${n} events: ${summary(out)}`);
      out.push(ev);
    }
    return out;
  }

  /** Events (other than BOOKMARK) until `pred` holds for one; returns all of them. */
  async until(pred: (ev: WatchEventJson) => boolean, timeoutMs = 20_000): Promise<WatchEventJson[]> {
    const deadline = Date.now() + timeoutMs;
    const out: WatchEventJson[] = [];
    for (;;) {
      const ev = await this.next(Math.max(deadline - Date.now(), 1));
      if (!ev) throw new Error(`watch ended before the awaited event: ${summary(out)}`);
      if (ev.type === 'BOOKMARK') continue;
      out.push(ev);
      if (pred(ev)) return out;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEventJson> {
    for (;;) {
      const ev = await this.next(60_000);
      if (!ev) return;
      yield ev;
    }
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let i: number;
    while ((i = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, i).trim();
      this.buffered = this.buffered.slice(i + 1);
      if (line) this.queue.push(JSON.parse(line) as WatchEventJson);
    }
    this.wake();
  }

  private finish(err?: Error): void {
    if (this.done) return;
    this.done = true;
    if (err) this.failure = err;
    this.markEnded();
    this.wake();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}

export function summary(events: WatchEventJson[]): string {
  return events.map((e) => `${e.type}:${e.object?.metadata?.name ?? e.object?.reason ?? ''}`).join(' ');
}
