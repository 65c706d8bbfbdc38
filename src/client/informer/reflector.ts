/**
 * The reflector keeps a sink in step with the API server: it lists (pages of `pageSize`), hands the whole list to
 * `sink.replace`, then watches from the list's resourceVersion with bookmarks and hands each event to
 * `sink.apply`.
 *
 * - A watch that ends cleanly (the server's timeout) is re-opened from the last resourceVersion seen (an event's or
 *   a bookmark's) without a relist.
 * - A 410 (an ERROR event with reason Expired/Gone, or a watch/list call rejected with it), any other ERROR event, a
 *   transport error, or a "very short watch" (ended with no event within `minWatchMs`, which would otherwise spin)
 *   ends the cycle: after the backoff (0.8 s doubling to 30 s, on the Clock) the reflector lists again.
 *
 * resourceVersions are opaque strings: they are remembered and sent back, never compared.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import { StatusError, isGoneStatus, type Status } from '../../machinery/errors/status.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import type { Client, KubeObject, ResourceRef, WatchEvent } from '../interface.js';
import { RelistBackoff, sleep, type BackoffOptions } from './backoff.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Where a reflector delivers what it learns. */
export interface ReflectorSink<T> {
  /** The complete current state after a (re)list; `items` is owned by the sink from here on. */
  replace(items: T[], resourceVersion: string): void;
  /** One change seen on the watch, in order. */
  apply(type: ChangeType, obj: T): void;
}

export interface ReflectorOptions {
  clock: Clock;
  /** '' = all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** List page size (default 500). */
  pageSize?: number;
  /** Asked of the server for each watch (default 300 s). */
  watchTimeoutSeconds?: number;
  /** A watch that ends with no event sooner than this counts as a failure (default 1000 ms). */
  minWatchMs?: number;
  backoff?: BackoffOptions;
  logger?: Logger;
}

type WatchOutcome = 'ended' | 'stopped';

export class Reflector<T extends KubeObject = KubeObject> {
  private rv = '';
  private readonly backoff: RelistBackoff;
  private readonly log: Logger;

  constructor(
    private readonly client: Client,
    private readonly resource: ResourceRef,
    private readonly sink: ReflectorSink<T>,
    private readonly opts: ReflectorOptions,
  ) {
    this.backoff = new RelistBackoff(opts.clock, opts.backoff);
    this.log = opts.logger ?? nopLogger;
  }

  /** The resourceVersion the cache is at: the last list's, event's or bookmark's. */
  get lastSyncResourceVersion(): string {
    return this.rv;
  }

  /** Lists and watches until the signal aborts; never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const started = this.nowMs();
      try {
        await this.listAndWatch(signal);
      } catch (err) {
        if (signal.aborted) break;
        if (isGoneStatus(err)) this.log.debug('Watch expired, relisting', { resource: this.name() });
        else this.log.warn('List and watch failed, relisting after backoff', { resource: this.name(), err });
      }
      if (signal.aborted) break;
      await sleep(this.opts.clock, this.backoff.next(started), signal);
    }
  }

  /** One cycle: list, then watch until a watch fails (throws) or the signal aborts. */
  private async listAndWatch(signal: AbortSignal): Promise<void> {
    const { items, resourceVersion } = await this.listAll(signal);
    if (signal.aborted) return;
    this.rv = resourceVersion;
    this.sink.replace(items, resourceVersion);
    while (!signal.aborted) {
      if ((await this.watchOnce(signal)) === 'stopped') return;
    }
  }

  private async listAll(signal: AbortSignal): Promise<{ items: T[]; resourceVersion: string }> {
    const items: T[] = [];
    let cont: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.client.list<T>(this.resource, this.opts.namespace ?? '', {
        ...this.selectors(),
        limit: this.opts.pageSize ?? 500,
        ...(cont ? { continue: cont } : {}),
      });
      if (signal.aborted) break;
      for (const item of page.items) items.push(item);
      resourceVersion = page.metadata.resourceVersion;
      cont = page.metadata.continue || undefined;
    } while (cont);
    return { items, resourceVersion };
  }

  private async watchOnce(signal: AbortSignal): Promise<WatchOutcome> {
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    signal.addEventListener('abort', stop, { once: true });
    const started = this.nowMs();
    let seen = 0;
    try {
      const stream = this.client.watch<T>(this.resource, this.opts.namespace ?? '', {
        ...this.selectors(),
        resourceVersion: this.rv,
        allowWatchBookmarks: true,
        timeoutSeconds: this.opts.watchTimeoutSeconds ?? 300,
        signal: ac.signal,
      });
      for await (const ev of stream) {
        if (signal.aborted) return 'stopped';
        seen++;
        this.handle(ev);
      }
    } finally {
      signal.removeEventListener('abort', stop);
      ac.abort();
    }
    if (signal.aborted) return 'stopped';
    if (seen === 0 && this.nowMs() - started < (this.opts.minWatchMs ?? 1000)) {
      throw new Error(`very short watch of ${this.name()}: ended at once without an event`);
    }
    return 'ended';
  }

  private handle(ev: WatchEvent<T>): void {
    switch (ev.type) {
      case 'ERROR':
        throw toStatusError(ev.object);
      case 'BOOKMARK':
        this.advance(ev.object);
        return;
      case 'ADDED':
      case 'MODIFIED':
      case 'DELETED':
        this.sink.apply(ev.type, ev.object);
        this.advance(ev.object);
        return;
      default:
        throw new Error(`unexpected watch event type ${String((ev as { type: unknown }).type)}`);
    }
  }

  private advance(obj: KubeObject): void {
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.rv = rv;
  }

  private selectors(): { labelSelector?: string; fieldSelector?: string } {
    const { labelSelector, fieldSelector } = this.opts;
    return { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
  }

  private name(): string {
    const { group, resource } = this.resource;
    return group ? `${resource}.${group}` : resource;
  }

  private nowMs(): number {
    return this.opts.clock.now().getTime();
  }
}

function toStatusError(obj: unknown): StatusError {
  const s = obj as Partial<Status> | undefined;
  if (s && s.kind === 'Status' && typeof s.code === 'number') return new StatusError(s as Status);
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `watch ERROR event without a Status: ${JSON.stringify(obj)}`,
    reason: 'InternalError',
    code: 500,
  });
}
