/**
 * Test doubles for controller unit tests (used by the garbagecollector, namespace, serviceaccount, endpoint and
 * endpointslice tests): informers whose caches the test seeds directly and whose handlers run synchronously, a
 * factory of them, `mirror` to bring every cache level with a FakeClient's tracker (adds, updates and deletes as a
 * watch would deliver them), and a recording queue drained by hand. No timers, no waiting.
 */
import { CATALOG } from '../../../api/catalog.js';
import type { FakeClient } from '../../../client/fake/index.js';
import type { KubeObject, ResourceRef } from '../../../client/interface.js';
import { keyOf, type IndexFunc, type Informer, type Lister, type ResourceEventHandler, type SharedInformerFactory } from '../../../client/informer/interface.js';
import { createLister } from '../../../client/informer/lister.js';
import { IndexedStore } from '../../../client/informer/store.js';
import { NOP_RECORDER, type EventRecorder } from '../../../client/record/interface.js';
import type { WorkQueue } from '../../../client/workqueue/interface.js';
import { nopLogger, type Logger } from '../../../machinery/log/logger.js';

/** The parts of a ControllerContext tests rarely care about. */
export const testContext = (): { recorder: EventRecorder; logger: Logger } => ({ recorder: NOP_RECORDER, logger: nopLogger });

export class FakeInformer<T extends KubeObject = KubeObject> implements Informer<T> {
  readonly store = new IndexedStore<T>();
  readonly lister: Lister<T> = createLister(this.store);
  private readonly handlers: ResourceEventHandler<T>[] = [];

  addEventHandler(h: ResourceEventHandler<T>): void {
    this.handlers.push(h);
    for (const obj of this.store.values()) h.onAdd?.(obj);
  }

  addIndexer(name: string, fn: IndexFunc<T>): void {
    this.store.addIndexer(name, fn);
  }

  hasSynced(): boolean {
    return true;
  }

  /** Adds or replaces an object in the cache and tells the handlers. */
  set(obj: T): void {
    const old = this.store.upsert(obj);
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(old, obj);
      else h.onAdd?.(obj);
    }
  }

  remove(obj: T): void {
    const old = this.store.delete(keyOf(obj));
    if (old) for (const h of this.handlers) h.onDelete?.(old);
  }
}

const refKey = (r: Pick<ResourceRef, 'group' | 'resource'>): string => `${r.resource}.${r.group}`;

export class FakeInformerFactory implements SharedInformerFactory {
  readonly informers = new Map<string, FakeInformer>();

  informerFor<T extends KubeObject = KubeObject>(r: ResourceRef): FakeInformer<T> {
    let inf = this.informers.get(refKey(r));
    if (!inf) this.informers.set(refKey(r), (inf = new FakeInformer()));
    return inf as unknown as FakeInformer<T>;
  }

  start(): void {}

  async waitForCacheSync(): Promise<boolean> {
    return true;
  }

  /** Makes every requested informer's cache equal to the tracker's objects of that resource. */
  mirror(client: FakeClient): void {
    for (const e of CATALOG) {
      const inf = this.informers.get(refKey(e));
      if (!inf) continue;
      const live = client.tracker.list(e, '');
      const liveKeys = new Set(live.map((o) => keyOf(o)));
      for (const obj of [...inf.store.values()]) if (!liveKeys.has(keyOf(obj))) inf.remove(obj as KubeObject);
      for (const obj of live) {
        const cached = inf.store.get(keyOf(obj));
        if (cached?.metadata?.resourceVersion !== obj.metadata?.resourceVersion) inf.set(obj);
      }
    }
  }
}

/** A deduplicating queue the test drains by hand; `addAfter` and `addRateLimited` record and add at once. */
export class RecordingQueue implements WorkQueue {
  readonly pending = new Set<string>();
  readonly added: string[] = [];
  readonly delayed: { key: string; ms: number }[] = [];
  readonly rateLimited: string[] = [];
  shuttingDown = false;

  add(key: string): void {
    this.added.push(key);
    this.pending.add(key);
  }
  addAfter(key: string, ms: number): void {
    this.delayed.push({ key, ms });
  }
  addRateLimited(key: string): void {
    this.rateLimited.push(key);
  }
  forget(): void {}
  numRequeues(): number {
    return 0;
  }
  async get(): Promise<string | undefined> {
    const key = this.take();
    return key;
  }
  /** The next pending key, synchronously. */
  take(): string | undefined {
    const key = this.pending.values().next().value;
    if (key !== undefined) this.pending.delete(key);
    return key;
  }
  done(): void {}
  len(): number {
    return this.pending.size;
  }
  shutDown(): void {
    this.shuttingDown = true;
  }
}
