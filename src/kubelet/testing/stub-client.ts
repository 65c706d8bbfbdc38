/**
 * Test and measurement stand-ins for the kubelet: an in-memory Client with the API semantics the kubelet relies on
 * (resourceVersion conflicts on PUT, the status subresource, strategic merge patches of status with the uid
 * precondition, graceful pod deletion with deletionTimestamp, delete preconditions) that counts every write; and a
 * PodSource fed by that client's pod changes (asynchronously, as an informer would). Not a general fake: watch,
 * patches other than strategic ones of status, and deleteCollection are unsupported.
 */
import { patchMetaFor } from '../../api/patchmeta/index.js';
import { newAlreadyExists, newConflict, newInvalid, newNotFound, newMethodNotSupported, OPTIMISTIC_LOCK_MESSAGE } from '../../machinery/errors/status.js';
import type { Client, DeleteOptions, KubeObject, ObjectList, PatchType, ResourceRef, WriteOptions } from '../../client/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { PodObject, PodSource, PodSourceHandler } from '../types.js';
import { applyStatusPatch } from './status-patch.js';

type Change = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject) => void;

/** The stub's one view of a stored object beyond its metadata, whatever its kind: the status kept apart, a pod's grace. */
type Stored = KubeObject & { status?: Record<string, unknown>; spec?: { terminationGracePeriodSeconds?: number } };

export interface WriteRecord {
  verb: 'create' | 'update' | 'patch' | 'delete';
  resource: string;
  subresource?: string;
  name: string;
  object?: KubeObject;
  patch?: unknown;
  options?: unknown;
}

export class StubClient implements Client {
  readonly objects = new Map<string, KubeObject>();
  readonly writes: WriteRecord[] = [];
  private rv = 0;
  private uid = 0;
  private readonly listeners: { resource: string; fn: Change }[] = [];

  constructor(private readonly clock: Clock) {}

  onChange(resource: string, fn: Change): void {
    this.listeners.push({ resource, fn });
  }

  countWrites(resource?: string, verb?: WriteRecord['verb'], subresource?: string): number {
    return this.writes.filter((w) => (!resource || w.resource === resource) && (!verb || w.verb === verb) && (subresource === undefined || w.subresource === subresource)).length;
  }

  async get<T extends KubeObject>(r: ResourceRef, ns: string, name: string): Promise<T> {
    return structuredClone(this.must(r, ns, name)) as T;
  }

  async list<T extends KubeObject>(r: ResourceRef, ns: string): Promise<ObjectList<T>> {
    const prefix = `${r.resource}/${ns}/`;
    const items = [...this.objects].filter(([k]) => k.startsWith(prefix) || (!ns && k.startsWith(`${r.resource}/`))).map(([, v]) => structuredClone(v) as T);
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.rv) }, items };
  }

  watch(): AsyncIterable<never> {
    throw newMethodNotSupported({ group: '', resource: 'stub' }, 'watch');
  }

  async create<T extends KubeObject>(r: ResourceRef, ns: string, obj: T): Promise<T> {
    const name = obj.metadata?.name ?? '';
    this.writes.push({ verb: 'create', resource: r.resource, name, object: structuredClone(obj) });
    if (this.objects.has(key(r, ns, name))) throw newAlreadyExists(r, name);
    const o = structuredClone(obj) as KubeObject;
    o.metadata = { ...o.metadata, namespace: r.namespaced ? ns : undefined, uid: o.metadata?.uid ?? `uid-${++this.uid}`, creationTimestamp: this.clock.now().toISOString() };
    return this.put(r, ns, o, 'ADDED') as T;
  }

  async update<T extends KubeObject>(r: ResourceRef, ns: string, obj: T, opts: WriteOptions & { subresource?: string } = {}): Promise<T> {
    const name = obj.metadata?.name ?? '';
    this.writes.push({ verb: 'update', resource: r.resource, subresource: opts.subresource, name, object: structuredClone(obj) });
    const cur = this.must(r, ns, name);
    const rv = obj.metadata?.resourceVersion;
    if (rv && rv !== cur.metadata?.resourceVersion) throw newConflict(r, name, OPTIMISTIC_LOCK_MESSAGE);
    const next = structuredClone(cur);
    if (opts.subresource === 'status') next.status = structuredClone((obj as Stored).status);
    else Object.assign(next, structuredClone({ ...obj, status: cur.status, metadata: { ...cur.metadata, ...obj.metadata } }));
    return this.put(r, ns, next, 'MODIFIED') as T;
  }

  /** A strategic merge patch of `status` (status-patch.ts), with `metadata.uid` as a precondition (422 as the server). */
  async patch<T extends KubeObject>(r: ResourceRef, ns: string, name: string, type: PatchType, patch: unknown, opts: { subresource?: string } = {}): Promise<T> {
    this.writes.push({ verb: 'patch', resource: r.resource, subresource: opts.subresource, name, patch: structuredClone(patch) });
    const meta = patchMetaFor(r.group, r.version, r.kind);
    if (type !== 'strategic' || opts.subresource !== 'status' || !meta) throw newMethodNotSupported(r, `${type} patch of ${opts.subresource ?? 'the object'}`);
    const { metadata, status, ...rest } = patch as { metadata?: { uid?: string }; status?: Record<string, unknown> };
    if (Object.keys(rest).length > 0 || Object.keys(metadata ?? {}).some((k) => k !== 'uid')) throw newMethodNotSupported(r, 'a status patch of other fields');
    const cur = this.must(r, ns, name);
    if (metadata?.uid && metadata.uid !== cur.metadata?.uid) {
      throw newInvalid(r, name, [{ field: 'metadata.uid', reason: 'FieldValueInvalid', message: `Invalid value: "${metadata.uid}": field is immutable` }]);
    }
    const next = structuredClone(cur);
    next.status = applyStatusPatch(cur.status ?? {}, status ?? {}, meta.field('status').child);
    return this.put(r, ns, next, 'MODIFIED') as T;
  }

  async delete<T extends KubeObject>(r: ResourceRef, ns: string, name: string, opts: DeleteOptions = {}): Promise<T | undefined> {
    this.writes.push({ verb: 'delete', resource: r.resource, name, options: opts });
    const cur = this.must(r, ns, name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== cur.metadata?.uid) throw newConflict(r, name, 'Precondition failed: UID in precondition');
    const grace = opts.gracePeriodSeconds ?? cur.spec?.terminationGracePeriodSeconds ?? 30;
    if (r.resource === 'pods' && grace > 0 && !cur.metadata?.deletionTimestamp) {
      const next = structuredClone(cur);
      next.metadata = { ...next.metadata, deletionTimestamp: this.clock.now().toISOString(), deletionGracePeriodSeconds: grace };
      return this.put(r, ns, next, 'MODIFIED') as T;
    }
    this.objects.delete(key(r, ns, name));
    this.emit(r, 'DELETED', cur);
    return undefined;
  }

  async deleteCollection(): Promise<void> {
    throw newMethodNotSupported({ group: '', resource: 'stub' }, 'deletecollection');
  }

  async createSubresource(): Promise<never> {
    throw newMethodNotSupported({ group: '', resource: 'stub' }, 'create');
  }

  private must(r: ResourceRef, ns: string, name: string): Stored {
    const o = this.objects.get(key(r, ns, name));
    if (!o) throw newNotFound(r, name);
    return o as Stored;
  }

  private put(r: ResourceRef, ns: string, o: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    o.metadata = { ...o.metadata, resourceVersion: String(++this.rv) };
    this.objects.set(key(r, ns, o.metadata.name ?? ''), o);
    this.emit(r, type, o);
    return structuredClone(o);
  }

  private emit(r: ResourceRef, type: 'ADDED' | 'MODIFIED' | 'DELETED', o: KubeObject): void {
    for (const l of this.listeners) if (l.resource === r.resource) l.fn(type, structuredClone(o));
  }
}

const key = (r: ResourceRef, ns: string, name: string) => `${r.resource}/${r.namespaced ? ns : ''}/${name}`;

/** A PodSource over a StubClient's pods; changes arrive on a later microtask, as from a watch. */
export function stubPodSource(client: StubClient): PodSource {
  const pods = new Map<string, PodObject>();
  const handlers = new Map<string, PodSourceHandler>();
  client.onChange('pods', (type, o) => {
    const pod = o as PodObject;
    queueMicrotask(() => {
      const k = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
      if (type === 'DELETED') pods.delete(k);
      else pods.set(k, pod);
      const h = handlers.get(pod.spec?.nodeName ?? '');
      if (type === 'DELETED') h?.onDelete(pod);
      else h?.onUpsert(pod);
    });
  });
  return {
    list: (node) => [...pods.values()].filter((p) => p.spec?.nodeName === node),
    subscribe(node, h) {
      handlers.set(node, h);
      return () => handlers.delete(node);
    },
    hasSynced: () => true,
  };
}
