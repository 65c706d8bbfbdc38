/**
 * Informers for controller unit tests, over a FakeClient: the caches hold what the test puts there (`set`,
 * `remove`) or are caught up with the client's tracker on demand (`FakeInformerFactory.mirror`), and the handlers
 * run synchronously inside those calls — deterministic, no watches, no timers, nothing to wait for.
 * As a real shared informer, a handler added late first receives every cached object as an add.
 */
import type { KubeObject, ResourceRef } from '../interface.js';
import { keyOf, type IndexFunc, type Informer, type Lister, type ResourceEventHandler, type SharedInformerFactory } from '../informer/interface.js';
import { createLister } from '../informer/lister.js';
import { IndexedStore } from '../informer/store.js';
import type { FakeClient } from './client.js';

export class FakeInformer<T extends KubeObject = KubeObject> implements Informer<T> {
  readonly store = new IndexedStore<T>();
  readonly lister: Lister<T> = createLister(this.store);
  private readonly handlers: ResourceEventHandler<T>[] = [];

  constructor(readonly ref?: ResourceRef) {}

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

  remove(obj: Readonly<T>): void {
    const old = this.store.delete(keyOf(obj));
    if (old) for (const h of this.handlers) h.onDelete?.(old);
  }

  /**
   * Makes the cache equal `objects` as a watch would: removals first, then adds and changes (an object whose
   * resourceVersion is unchanged is not delivered again).
   */
  replace(objects: readonly T[]): void {
    const live = new Set(objects.map((o) => keyOf(o)));
    for (const old of [...this.store.values()]) if (!live.has(keyOf(old))) this.remove(old);
    for (const obj of objects) {
      const cached = this.store.get(keyOf(obj));
      if (!cached || cached.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.set(obj);
    }
  }
}

const refKey = (r: Pick<ResourceRef, 'group' | 'resource'>): string => `${r.resource}.${r.group}`;

/**
 * A factory of FakeInformers. Given a client, an informer starts with the client's stored objects of its resource
 * (as after its initial list); `mirror` catches every informer up with the tracker.
 */
export class FakeInformerFactory implements SharedInformerFactory {
  readonly informers = new Map<string, FakeInformer>();

  constructor(private readonly client?: FakeClient) {}

  informerFor<T extends KubeObject = KubeObject>(r: ResourceRef): FakeInformer<T> {
    let inf = this.informers.get(refKey(r));
    if (!inf) {
      this.informers.set(refKey(r), (inf = new FakeInformer(r)));
      if (this.client) inf.replace(this.client.tracker.list(r, ''));
    }
    return inf as unknown as FakeInformer<T>;
  }

  start(): void {}

  async waitForCacheSync(): Promise<boolean> {
    return true;
  }

  /** Makes every requested informer's cache equal to the tracker's objects of its resource. */
  mirror(client: FakeClient | undefined = this.client): void {
    if (!client) throw new Error('FakeInformerFactory.mirror: no client to mirror');
    for (const inf of this.informers.values()) inf.replace(client.tracker.list(inf.ref!, ''));
  }
}
