/**
 * A shared informer: a Reflector feeding an IndexedStore, and handlers told of every change in order.
 *
 * Guarantees:
 * - Handlers are called synchronously, in registration order, after the store already holds the change (so a
 *   handler that reads the lister sees it). A handler that throws is logged and does not affect the others.
 * - Watch events map to calls by the cache's state, not the event's name: a change to a known key is an update,
 *   to an unknown key an add; a DELETED event reports the server's final object.
 * - A relist is turned into the changes a watch would have shown: adds for new keys, updates for keys whose
 *   resourceVersion differs, deletes (with the last cached state) for keys gone from the list; unchanged objects
 *   produce no call.
 * - A handler added late first receives an add for every cached object, then changes from there on.
 * - With `resyncMs` > 0, every `resyncMs` after the first sync each handler gets onUpdate(obj, obj) for every object.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import type { Client, KubeObject, ResourceRef } from '../interface.js';
import { keyOf, type IndexFunc, type Informer, type Lister, type ResourceEventHandler } from './interface.js';
import { createLister } from './lister.js';
import { Reflector, type ChangeType, type ReflectorOptions, type ReflectorSink } from './reflector.js';
import { IndexedStore } from './store.js';

export interface SharedIndexInformerOptions extends ReflectorOptions {
  /** 0 (the default) = no resync. */
  resyncMs?: number;
}

export class SharedIndexInformer<T extends KubeObject = KubeObject> implements Informer<T>, ReflectorSink<T> {
  readonly lister: Lister<T>;
  private readonly store = new IndexedStore<T>();
  private readonly reflector: Reflector<T>;
  private readonly clock: Clock;
  private readonly log: Logger;
  /** Copied on write, so a handler added during a dispatch does not see that dispatch twice. */
  private handlers: readonly ResourceEventHandler<T>[] = [];
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private running = false;
  private resyncTimer: { cancel(): void } | undefined;

  constructor(client: Client, resource: ResourceRef, private readonly opts: SharedIndexInformerOptions) {
    this.clock = opts.clock;
    this.log = opts.logger ?? nopLogger;
    this.lister = createLister(this.store);
    this.reflector = new Reflector(client, resource, this, opts);
  }

  addEventHandler(h: ResourceEventHandler<T>): void {
    this.handlers = [...this.handlers, h];
    if (!h.onAdd) return;
    for (const obj of this.store.values()) this.call(h, 'onAdd', obj);
  }

  /** May be called at any time; an index added to a filled cache is built at once. */
  addIndexer(name: string, fn: IndexFunc<T>): void {
    this.store.addIndexer(name, fn);
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** The resourceVersion of the cache (last list, event or bookmark). */
  get lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion;
  }

  /** Resolves true once synced, false if the signal aborts first. */
  whenSynced(signal: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
      this.syncWaiters.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      });
    });
  }

  /** Runs until the signal aborts. An informer runs once. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error('informer already started');
    this.running = true;
    try {
      await this.reflector.run(signal);
    } finally {
      this.resyncTimer?.cancel();
      this.resyncTimer = undefined;
    }
  }

  /** ReflectorSink: the state after a (re)list, applied as the changes a watch would have shown. */
  replace(items: T[], _resourceVersion: string): void {
    const listed = new Set<string>();
    for (const obj of items) {
      const key = keyOf(obj);
      listed.add(key);
      const old = this.store.get(key);
      if (old !== undefined && sameVersion(old, obj)) continue;
      this.store.upsert(obj);
      if (old === undefined) this.dispatch('onAdd', obj);
      else this.dispatchUpdate(old, obj);
    }
    if (this.store.size > listed.size) this.deleteUnlisted(listed);
    if (!this.synced) this.markSynced();
  }

  /** ReflectorSink: one watch event. */
  apply(type: ChangeType, obj: T): void {
    if (type === 'DELETED') {
      this.store.delete(keyOf(obj));
      this.dispatch('onDelete', obj);
      return;
    }
    const old = this.store.upsert(obj);
    if (old === undefined) this.dispatch('onAdd', obj);
    else this.dispatchUpdate(old, obj);
  }

  private deleteUnlisted(listed: Set<string>): void {
    const gone: string[] = [];
    for (const key of this.store.keys()) if (!listed.has(key)) gone.push(key);
    for (const key of gone) {
      const old = this.store.delete(key);
      if (old !== undefined) this.dispatch('onDelete', old);
    }
  }

  private markSynced(): void {
    this.synced = true;
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    for (const w of waiters) w();
    this.scheduleResync();
  }

  private scheduleResync(): void {
    const every = this.opts.resyncMs ?? 0;
    if (every <= 0) return;
    this.resyncTimer = this.clock.setTimeout(() => {
      this.resync();
      if (this.resyncTimer) this.scheduleResync();
    }, every);
  }

  private resync(): void {
    const handlers = this.handlers;
    for (const obj of this.store.values()) {
      for (const h of handlers) if (h.onUpdate) this.callUpdate(h, obj, obj);
    }
  }

  private dispatch(kind: 'onAdd' | 'onDelete', obj: Readonly<T>): void {
    for (const h of this.handlers) if (h[kind]) this.call(h, kind, obj);
  }

  private dispatchUpdate(old: Readonly<T>, cur: Readonly<T>): void {
    for (const h of this.handlers) if (h.onUpdate) this.callUpdate(h, old, cur);
  }

  private call(h: ResourceEventHandler<T>, kind: 'onAdd' | 'onDelete', obj: Readonly<T>): void {
    try {
      h[kind]!(obj);
    } catch (err) {
      this.log.error('Event handler failed', { handler: kind, object: keyOf(obj), err });
    }
  }

  private callUpdate(h: ResourceEventHandler<T>, old: Readonly<T>, cur: Readonly<T>): void {
    try {
      h.onUpdate!(old, cur);
    } catch (err) {
      this.log.error('Event handler failed', { handler: 'onUpdate', object: keyOf(cur), err });
    }
  }
}

/** Equal resourceVersions (compared for equality only, never order) mean the same state of the object. */
function sameVersion(a: Readonly<KubeObject>, b: Readonly<KubeObject>): boolean {
  const rv = a.metadata?.resourceVersion;
  return rv !== undefined && rv !== '' && rv === b.metadata?.resourceVersion;
}
