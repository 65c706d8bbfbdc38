/**
 * The fake's object tracker: objects in memory per resource, one global resourceVersion counter (a decimal
 * string, as the real server's — still opaque to callers), deterministic uids and generated names, an event log
 * so that a watch from a resourceVersion replays what happened after it, and server-like rules for the parts
 * controllers depend on: status vs main writes, generation bumps, optimistic concurrency, finalizers holding a
 * deleted object.
 */
import { newAlreadyExists, newBadRequest, newConflict, newNotFound, OPTIMISTIC_LOCK_MESSAGE } from '../../machinery/errors/status.js';
import { catalogEntry } from '../../api/catalog.js';
import type { KubeObject, ResourceRef, WatchEvent, WatchEventType } from '../interface.js';
import type { ObjectFilter } from './select.js';
import { WatchQueue } from './watch-queue.js';

interface Logged {
  gr: string;
  namespace: string;
  rv: number;
  type: WatchEventType;
  object: KubeObject;
  previous?: KubeObject;
}

interface Watcher {
  gr: string;
  namespace: string;
  filter: ObjectFilter;
  queue: WatchQueue<KubeObject>;
}

const grKey = (r: Pick<ResourceRef, 'group' | 'resource'>): string => `${r.group}/${r.resource}`;
const objKey = (ns: string, name: string): string => `${ns}/${name}`;
const gr = (r: ResourceRef) => ({ group: r.group, resource: r.resource });
const hasStatus = (r: ResourceRef): boolean => !!catalogEntry(r.group, r.resource)?.status;
const specOf = (o: KubeObject): string => JSON.stringify({ ...o, metadata: undefined, status: undefined });

/** The tracker's one untyped view of an object, whatever its kind: its top-level fields (spec, status …). */
type Fields = KubeObject & Record<string, unknown>;
const fieldsOf = (o: KubeObject): Fields => o as Fields;

export class ObjectTracker {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly log: Logged[] = [];
  private readonly watchers = new Set<Watcher>();
  private rv = 0;
  private uids = 0;
  private names = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The current resourceVersion (of the last write), as list answers carry it. */
  resourceVersion(): string {
    return String(this.rv);
  }

  private bucket(r: ResourceRef): Map<string, KubeObject> {
    let b = this.objects.get(grKey(r));
    if (!b) this.objects.set(grKey(r), (b = new Map()));
    return b;
  }

  private ns(r: ResourceRef, namespace: string): string {
    return r.namespaced ? namespace : '';
  }

  get(r: ResourceRef, namespace: string, name: string): KubeObject {
    const obj = this.bucket(r).get(objKey(this.ns(r, namespace), name));
    if (!obj) throw newNotFound(gr(r), name);
    return structuredClone(obj);
  }

  /** Objects in `namespace` ("" = all), sorted by namespace then name, as the server lists them. */
  list(r: ResourceRef, namespace: string, filter: ObjectFilter = () => true): KubeObject[] {
    const ns = this.ns(r, namespace);
    return [...this.bucket(r).entries()]
      .filter(([, o]) => (!ns || o.metadata?.namespace === ns) && filter(o))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => structuredClone(o));
  }

  create(r: ResourceRef, namespace: string, input: KubeObject): KubeObject {
    const obj = structuredClone(input);
    const m = (obj.metadata ??= {});
    const ns = this.ns(r, namespace || String(m.namespace ?? ''));
    if (r.namespaced && m.namespace && m.namespace !== ns) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (!m.name && typeof m.generateName === 'string') m.name = `${m.generateName}${(++this.names).toString(36).padStart(5, '0')}`;
    if (!m.name) throw newBadRequest('name or generateName is required');
    if (this.bucket(r).has(objKey(ns, m.name))) throw newAlreadyExists(gr(r), m.name);
    if (r.namespaced) m.namespace = ns;
    else delete m.namespace;
    obj.apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    obj.kind = r.kind;
    m.uid ??= `fake-uid-${++this.uids}`;
    m.creationTimestamp ??= this.now().toISOString().replace(/\.\d+Z$/, 'Z');
    if (hasStatus(r) && m.generation === undefined) m.generation = 1;
    return this.write(r, ns, obj, 'ADDED');
  }

  /** A PUT: `subresource` 'status' changes only status; a main write keeps status where the resource has one. */
  update(r: ResourceRef, namespace: string, input: KubeObject, subresource?: string): KubeObject {
    const name = input.metadata?.name ?? '';
    const current = this.get(r, namespace, name);
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== current.metadata?.resourceVersion) throw newConflict(gr(r), name, OPTIMISTIC_LOCK_MESSAGE);
    const next = this.merged(r, fieldsOf(current), fieldsOf(structuredClone(input)), subresource);
    const ns = this.ns(r, namespace || String(current.metadata?.namespace ?? ''));
    const m = next.metadata!;
    if (m.deletionTimestamp && !m.finalizers?.length) return this.remove(r, ns, next);
    return this.write(r, ns, next, 'MODIFIED', current);
  }

  private merged(r: ResourceRef, current: Fields, input: Fields, subresource?: string): Fields {
    if (subresource === 'status') return { ...current, status: input.status };
    if (subresource === 'scale') {
      const replicas = (input.spec as { replicas?: number } | undefined)?.replicas;
      return { ...current, spec: { ...(current.spec as object), replicas } };
    }
    if (subresource) throw newBadRequest(`the fake client does not support updates of ${r.resource}/${subresource}`);
    const next: Fields = { ...input, metadata: { ...input.metadata, uid: current.metadata?.uid, creationTimestamp: current.metadata?.creationTimestamp } };
    if (current.metadata?.deletionTimestamp) next.metadata!.deletionTimestamp = current.metadata.deletionTimestamp;
    if (hasStatus(r)) {
      next.status = current.status;
      if (specOf(next) !== specOf(current)) next.metadata!.generation = Number(current.metadata?.generation ?? 0) + 1;
    }
    return next;
  }

  /** Removes the object, or marks it for deletion while finalizers remain; returns the kept object, else undefined. */
  delete(r: ResourceRef, namespace: string, name: string, preconditions?: { uid?: string; resourceVersion?: string }): KubeObject | undefined {
    const current = this.get(r, namespace, name);
    const m = current.metadata!;
    if (preconditions?.uid && preconditions.uid !== m.uid) throw newConflict(gr(r), name, `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${m.uid}`);
    if (preconditions?.resourceVersion && preconditions.resourceVersion !== m.resourceVersion) throw newConflict(gr(r), name, OPTIMISTIC_LOCK_MESSAGE);
    const ns = this.ns(r, namespace || String(m.namespace ?? ''));
    if (!m.finalizers?.length) {
      this.remove(r, ns, current);
      return undefined;
    }
    if (m.deletionTimestamp) return current;
    m.deletionTimestamp = this.now().toISOString().replace(/\.\d+Z$/, 'Z');
    m.deletionGracePeriodSeconds = 0;
    return this.write(r, ns, current, 'MODIFIED', this.get(r, ns, name));
  }

  private write(r: ResourceRef, ns: string, obj: KubeObject, type: WatchEventType, previous?: KubeObject): KubeObject {
    obj.metadata!.resourceVersion = String(++this.rv);
    this.bucket(r).set(objKey(ns, obj.metadata!.name!), structuredClone(obj));
    this.emit({ gr: grKey(r), namespace: ns, rv: this.rv, type, object: structuredClone(obj), ...(previous ? { previous } : {}) });
    return obj;
  }

  private remove(r: ResourceRef, ns: string, obj: KubeObject): KubeObject {
    this.bucket(r).delete(objKey(ns, obj.metadata!.name!));
    obj.metadata!.resourceVersion = String(++this.rv);
    this.emit({ gr: grKey(r), namespace: ns, rv: this.rv, type: 'DELETED', object: structuredClone(obj) });
    return obj;
  }

  private emit(ev: Logged): void {
    this.log.push(ev);
    for (const w of this.watchers) deliver(w, ev);
  }

  /**
   * A watch registered now. Without a resourceVersion (or "0") the current objects come first as ADDED; with one,
   * every logged change after it is replayed before live events.
   */
  watch(r: ResourceRef, namespace: string, filter: ObjectFilter, resourceVersion?: string, signal?: AbortSignal): WatchQueue<KubeObject> {
    const w: Watcher = { gr: grKey(r), namespace: this.ns(r, namespace), filter, queue: new WatchQueue(() => this.watchers.delete(w), signal) };
    if (w.queue.stopped) return w.queue;
    if (!resourceVersion || resourceVersion === '0') {
      for (const o of this.list(r, namespace, filter)) w.queue.push({ type: 'ADDED', object: o });
    } else {
      const from = Number(resourceVersion);
      for (const ev of this.log) if (ev.rv > from) deliver(w, ev);
    }
    this.watchers.add(w);
    return w.queue;
  }

  /** Ends every open watch (their iterations return). */
  stopWatches(): void {
    for (const w of [...this.watchers]) w.queue.stop();
  }

  get watchCount(): number {
    return this.watchers.size;
  }
}

/** Delivers one logged change, turning a MODIFIED that enters (leaves) the selection into ADDED (DELETED). */
function deliver(w: Watcher, ev: Logged): void {
  if (ev.gr !== w.gr || (w.namespace && ev.namespace !== w.namespace)) return;
  const now = w.filter(ev.object);
  const before = ev.previous ? w.filter(ev.previous) : now;
  let type: WatchEventType | undefined = ev.type;
  if (ev.type === 'MODIFIED' && now !== before) type = now ? 'ADDED' : 'DELETED';
  else if (!now) type = undefined;
  if (type) w.queue.push({ type, object: structuredClone(ev.object) } as WatchEvent<KubeObject>);
}
