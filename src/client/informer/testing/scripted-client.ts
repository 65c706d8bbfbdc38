/**
 * Test helpers for informers: a Client whose list answers from `items` (paged by `limit`, the continue token is the
 * offset) and whose every watch is a ScriptedWatch the test drives (push events, end it, make it fail). Only list
 * and watch are implemented; the other verbs throw. A stand-in until the shared FakeClient (src/client/fake) exists.
 */
import type { Client, KubeObject, ListOptions, ObjectList, WatchEvent, WatchOptions } from '../../interface.js';

type Item<T> = { ev: WatchEvent<T> } | { end: true } | { err: unknown };

export class ScriptedWatch<T extends KubeObject = KubeObject> implements AsyncIterable<WatchEvent<T>> {
  private readonly buf: Item<T>[] = [];
  private wake: (() => void) | undefined;
  /** Whether the consumer's signal aborted (the reflector closed this watch). */
  closed = false;

  constructor(readonly opts: WatchOptions) {
    opts.signal?.addEventListener('abort', () => {
      this.closed = true;
      this.end();
    });
  }

  push(type: WatchEvent['type'], object: unknown): this {
    return this.put({ ev: { type, object: object as T } });
  }

  end(): this {
    return this.put({ end: true });
  }

  fail(err: unknown): this {
    return this.put({ err });
  }

  private put(item: Item<T>): this {
    this.buf.push(item);
    this.wake?.();
    return this;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    for (;;) {
      while (this.buf.length === 0) await new Promise<void>((r) => (this.wake = r));
      const item = this.buf.shift()!;
      if ('end' in item) return;
      if ('err' in item) throw item.err;
      yield item.ev;
    }
  }
}

export class ScriptedClient {
  items: KubeObject[] = [];
  listRV = '1';
  /** When set, the next list call rejects with it (then it is cleared). */
  listError: unknown;
  readonly listCalls: ListOptions[] = [];
  readonly watches: ScriptedWatch[] = [];

  readonly client: Client = {
    list: async <T extends KubeObject>(_r: unknown, _ns: string, opts: ListOptions = {}) => this.list(opts) as ObjectList<T>,
    watch: <T extends KubeObject>(_r: unknown, _ns: string, opts: WatchOptions = {}) => {
      const w = new ScriptedWatch<KubeObject>(opts);
      this.watches.push(w);
      return w as unknown as AsyncIterable<WatchEvent<T>>;
    },
    get: unsupported,
    create: unsupported,
    update: unsupported,
    patch: unsupported,
    delete: unsupported,
    deleteCollection: unsupported,
    createSubresource: unsupported,
  };

  private list(opts: ListOptions): ObjectList<KubeObject> {
    this.listCalls.push(opts);
    if (this.listError !== undefined) {
      const err = this.listError;
      this.listError = undefined;
      throw err;
    }
    const from = Number(opts.continue ?? 0);
    const to = opts.limit ? from + opts.limit : this.items.length;
    const metadata = { resourceVersion: this.listRV, ...(to < this.items.length ? { continue: String(to) } : {}) };
    return { apiVersion: 'v1', kind: 'List', metadata, items: this.items.slice(from, to) };
  }
}

async function unsupported(): Promise<never> {
  throw new Error('not supported by ScriptedClient');
}

/** Polls `cond` once per macrotask until it holds; fails after `ms` of real time. */
export async function until(cond: () => unknown, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await new Promise((r) => setImmediate(r));
    if (cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/** Lets every pending microtask and a few macrotasks run (to check that something did *not* happen). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

/** A pod as these tests need one: of its spec only nodeName. */
export type ScriptedPod = KubeObject & { spec: { nodeName: string } };

export const pod = (ns: string, name: string, rv: string, nodeName = ''): ScriptedPod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name, resourceVersion: rv, labels: { app: name.split('-')[0]! } },
  spec: { nodeName },
});
