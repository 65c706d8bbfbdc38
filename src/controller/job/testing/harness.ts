/**
 * Test support for the batch controllers: the shared FakeClient (recording actions) behind a FakeClock, and an
 * informer factory whose caches the test seeds and catches up with the fake's state explicitly (`syncCaches`),
 * calling the controllers' handlers for every difference — deterministic, no watch goroutines to wait for.
 */
import { FakeClient, refForObject } from '../../../client/fake/index.js';
import type { Action } from '../../../client/fake/index.js';
import type { KubeObject, ResourceRef } from '../../../client/interface.js';
import { keyOf, type IndexFunc, type Informer, type ResourceEventHandler, type SharedInformerFactory } from '../../../client/informer/interface.js';
import { createLister } from '../../../client/informer/lister.js';
import { IndexedStore } from '../../../client/informer/store.js';
import type { EventRecorder, EventType } from '../../../client/record/interface.js';
import { FakeClock } from '../../../machinery/clock/clock.js';
import type { BatchControllerContext } from '../context.js';

export interface RecordedEvent {
  object: string;
  type: EventType;
  reason: string;
  message: string;
}

class FakeInformer<T extends KubeObject> implements Informer<T> {
  readonly store = new IndexedStore<T>();
  readonly lister = createLister(this.store);
  readonly handlers: ResourceEventHandler<T>[] = [];

  constructor(readonly ref: ResourceRef) {}

  addEventHandler(h: ResourceEventHandler<T>): void {
    this.handlers.push(h);
  }

  addIndexer(name: string, fn: IndexFunc<T>): void {
    this.store.addIndexer(name, fn);
  }

  hasSynced(): boolean {
    return true;
  }

  /** Makes the cache equal `objects`, calling handlers for each add, change and removal. */
  replace(objects: readonly T[]): void {
    const seen = new Set<string>();
    for (const obj of objects) {
      const key = keyOf(obj);
      seen.add(key);
      const old = this.store.get(key);
      if (old && old.metadata?.resourceVersion === obj.metadata?.resourceVersion) continue;
      this.store.upsert(obj);
      for (const h of this.handlers) old ? h.onUpdate?.(old, obj) : h.onAdd?.(obj);
    }
    for (const old of [...this.store.values()]) {
      if (seen.has(keyOf(old))) continue;
      this.store.delete(keyOf(old));
      for (const h of this.handlers) h.onDelete?.(old);
    }
  }
}

export class BatchTestCluster {
  readonly clock: FakeClock;
  readonly client: FakeClient;
  readonly events: RecordedEvent[] = [];
  private readonly informers = new Map<string, FakeInformer<KubeObject>>();

  constructor(start = new Date('2026-01-01T00:00:00Z')) {
    this.clock = new FakeClock(start);
    this.client = new FakeClient({ now: () => this.clock.now() });
  }

  readonly factory: SharedInformerFactory = {
    informerFor: <T extends KubeObject>(r: ResourceRef): Informer<T> => {
      const id = `${r.group}/${r.resource}`;
      let inf = this.informers.get(id);
      if (!inf) {
        // A new informer starts synced with what is stored, as after its initial list.
        this.informers.set(id, (inf = new FakeInformer<KubeObject>(r)));
        inf.replace(this.client.tracker.list(r, ''));
      }
      return inf as unknown as Informer<T>;
    },
    start: () => undefined,
    waitForCacheSync: async () => true,
  };

  readonly recorder: EventRecorder = {
    event: (obj, type, reason, message) => this.events.push({ object: keyOf(obj), type, reason, message }),
  };

  ctx(): BatchControllerContext {
    return { client: this.client, informers: this.factory, clock: this.clock, recorder: this.recorder };
  }

  /** Stores objects as if created by someone else (no recorded action) and updates the caches. */
  seed(...objs: KubeObject[]): void {
    for (const o of objs) this.client.tracker.create(refForObject(o), o.metadata?.namespace ?? '', structuredClone(o));
    this.syncCaches();
  }

  /** Changes a stored object outside the controller (a kubelet, a user) and updates the caches. */
  mutate(r: ResourceRef, namespace: string, name: string, fn: (o: KubeObject) => void, subresource?: string): void {
    const cur = structuredClone(this.client.tracker.get(r, namespace, name));
    fn(cur);
    this.client.tracker.update(r, namespace, cur, subresource);
    this.syncCaches();
  }

  stored<T extends KubeObject>(r: ResourceRef, namespace: string): T[] {
    return this.client.tracker.list(r, namespace) as T[];
  }

  syncCaches(): void {
    for (const inf of this.informers.values()) inf.replace(this.client.tracker.list(inf.ref, ''));
  }

  /** The recorded writes (no reads), as `verb resource[/subresource] name`. */
  writes(): string[] {
    return this.client.actions.filter(isWrite).map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''} ${a.name ?? ''}`.trim());
  }
}

const isWrite = (a: Action): boolean => a.verb !== 'get' && a.verb !== 'list' && a.verb !== 'watch';
