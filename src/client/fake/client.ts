/**
 * FakeClient: the Client for controller unit tests (client-go's fake clientset). Every call is recorded in
 * `actions` before anything else happens, then offered to the reactors (newest prepended first), and finally to the
 * in-memory tracker. State changes happen synchronously inside the call; the returned promise only carries the
 * result, so a test needs no waiting.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { catalogEntryForKind } from '../../api/catalog.js';
import { newMethodNotSupported, newConflict } from '../../machinery/errors/status.js';
import type { Client, DeleteOptions, KubeObject, ListOptions, ObjectList, PatchType, ResourceRef, WatchEvent, WatchOptions, WriteOptions } from '../interface.js';
import { reactorMatches, type Action, type Reactor, type ReactorEntry, type Verb } from './actions.js';
import { applyPatch } from './patch.js';
import { objectFilter } from './select.js';
import { ObjectTracker } from './tracker.js';

export interface FakeClientOptions {
  /** Seed objects (not recorded as actions); each needs apiVersion and kind of a catalog resource. */
  objects?: KubeObject[];
  /** creationTimestamp / deletionTimestamp source; default the wall clock. */
  now?: () => Date;
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** The catalog ref of an object's apiVersion/kind. */
export function refForObject(obj: KubeObject): ResourceRef {
  const [group, version] = (obj.apiVersion ?? '').includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion ?? ''];
  const e = catalogEntryForKind(group!, obj.kind ?? '');
  if (!e || e.version !== version) throw new Error(`fake client: unknown apiVersion/kind ${obj.apiVersion}/${obj.kind}`);
  return { group: e.group, version: e.version, resource: e.resource, kind: e.kind, namespaced: e.namespaced };
}

export class FakeClient implements Client {
  readonly tracker: ObjectTracker;
  readonly actions: Action[] = [];
  private readonly reactors: ReactorEntry[] = [];

  constructor(o: FakeClientOptions = {}) {
    this.tracker = new ObjectTracker(o.now);
    for (const obj of o.objects ?? []) this.tracker.create(refForObject(obj), obj.metadata?.namespace ?? '', obj);
  }

  /** Runs `fn` before every reactor added so far (client-go's PrependReactor). `resource` may be "pods/status". */
  prependReactor(verb: Verb | '*', resource: string, fn: Reactor): void {
    this.reactors.unshift({ verb, resource, fn });
  }

  /** Runs `fn` after the reactors added so far, before the tracker. */
  addReactor(verb: Verb | '*', resource: string, fn: Reactor): void {
    this.reactors.push({ verb, resource, fn });
  }

  clearActions(): void {
    this.actions.length = 0;
  }

  /** The recorded actions of one verb (and resource), for terse assertions. */
  actionsOf(verb: Verb, resource?: string): Action[] {
    return this.actions.filter((a) => a.verb === verb && (resource === undefined || a.resource === resource));
  }

  private invoke<R>(r: ResourceRef, action: Omit<Action, 'group' | 'resource'>, fallback: () => R): R {
    const a: Action = { group: r.group, resource: r.resource, ...action };
    for (const key of ['object', 'patch', 'options'] as const) if (a[key] !== undefined) a[key] = clone(a[key]) as never;
    this.actions.push(a);
    for (const e of this.reactors) {
      if (!reactorMatches(e, a)) continue;
      const out = e.fn(clone(a));
      if (out) return clone(out.result) as R;
    }
    return fallback();
  }

  async get<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string): Promise<T> {
    return this.invoke(r, { verb: 'get', namespace, name }, () => this.tracker.get(r, namespace, name) as T);
  }

  async list<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, opts: ListOptions = {}): Promise<ObjectList<T>> {
    return this.invoke(r, { verb: 'list', namespace, options: opts }, () => this.listNow<T>(r, namespace, opts));
  }

  /** Pagination: `continue` is the offset of the next page in the sorted list. */
  private listNow<T>(r: ResourceRef, namespace: string, opts: ListOptions): ObjectList<T> {
    const all = this.tracker.list(r, namespace, objectFilter(opts.labelSelector, opts.fieldSelector));
    const start = opts.continue ? Number(opts.continue) : 0;
    const end = opts.limit ? start + opts.limit : all.length;
    const metadata: ObjectList<T>['metadata'] = { resourceVersion: this.tracker.resourceVersion() };
    if (end < all.length) Object.assign(metadata, { continue: String(end), remainingItemCount: all.length - end });
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    return { apiVersion, kind: `${r.kind}List`, metadata, items: all.slice(start, end) as T[] };
  }

  watch<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, opts: WatchOptions = {}): AsyncIterable<WatchEvent<T>> {
    const { signal, ...options } = opts;
    return this.invoke(r, { verb: 'watch', namespace, options }, () => {
      const filter = objectFilter(opts.labelSelector, opts.fieldSelector);
      return this.tracker.watch(r, namespace, filter, opts.resourceVersion, signal) as unknown as AsyncIterable<WatchEvent<T>>;
    });
  }

  async create<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, obj: T, opts: WriteOptions = {}): Promise<T> {
    const name = obj.metadata?.name ?? '';
    return this.invoke(r, { verb: 'create', namespace, name, object: obj, options: opts }, () => {
      if (opts.dryRun) return clone(obj);
      return this.tracker.create(r, namespace, obj) as T;
    });
  }

  async update<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, obj: T, opts: WriteOptions & { subresource?: string } = {}): Promise<T> {
    const { subresource, ...options } = opts;
    const action = { verb: 'update' as const, namespace, name: obj.metadata?.name ?? '', object: obj, options, ...(subresource ? { subresource } : {}) };
    return this.invoke(r, action, () => (opts.dryRun ? clone(obj) : (this.tracker.update(r, namespace, obj, subresource) as T)));
  }

  async patch<T extends KubeObject = KubeObject>(
    r: ResourceRef,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: string } = {},
  ): Promise<T> {
    const { subresource, ...options } = opts;
    const action = { verb: 'patch' as const, namespace, name, patchType: type, patch, options, ...(subresource ? { subresource } : {}) };
    return this.invoke(r, action, () => {
      const next = applyPatch(this.tracker.get(r, namespace, name), type, patch);
      return (opts.dryRun ? next : this.tracker.update(r, namespace, next, subresource)) as T;
    });
  }

  async delete<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): Promise<T | undefined> {
    return this.invoke(r, { verb: 'delete', namespace, name, options: opts }, () => {
      if (opts.dryRun) return undefined;
      return this.tracker.delete(r, namespace, name, opts.preconditions) as T | undefined;
    });
  }

  async deleteCollection(r: ResourceRef, namespace: string, opts: ListOptions & DeleteOptions = {}): Promise<void> {
    this.invoke(r, { verb: 'deletecollection', namespace, options: opts }, () => {
      if (opts.dryRun) return;
      for (const o of this.tracker.list(r, namespace, objectFilter(opts.labelSelector, opts.fieldSelector))) {
        this.tracker.delete(r, o.metadata?.namespace ?? '', o.metadata!.name!);
      }
    });
  }

  async createSubresource<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, subresource: string, body: KubeObject): Promise<T> {
    return this.invoke(r, { verb: 'create', namespace, name, subresource, object: body }, () => this.subresource(r, namespace, name, subresource, body) as T);
  }

  /** pods/binding sets spec.nodeName (409 when already bound); pods/eviction deletes the pod. */
  private subresource(r: ResourceRef, namespace: string, name: string, sub: string, body: KubeObject): KubeObject {
    const key = `${r.group}/${r.resource}/${sub}`;
    if (key === '/pods/binding') {
      const pod = this.tracker.get(r, namespace, name) as Pod;
      const spec = pod.spec ?? ({} as PodSpec);
      if (spec.nodeName) throw newConflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
      const target = (body as { target?: { name?: string } }).target?.name ?? '';
      const bound: Pod = { ...pod, spec: { ...spec, nodeName: target } };
      this.tracker.update(r, namespace, bound);
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } as KubeObject;
    }
    if (key === '/pods/eviction') {
      this.tracker.delete(r, namespace, name);
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } as KubeObject;
    }
    throw newMethodNotSupported({ group: r.group, resource: `${r.resource}/${sub}` }, 'create');
  }
}
