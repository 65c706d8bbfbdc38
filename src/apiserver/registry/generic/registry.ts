/**
 * The generic registry: one implementation of create/get/update/delete for every resource, driven by its
 * ResourceDefinition. Order of a write: prepareFor* → defaults → mutating admission → system metadata →
 * validation (422) → validating admission → hooks → Store (compare-and-swap on the read revision).
 * Storage errors become Status errors here and nowhere else.
 */
import { newAlreadyExists, newBadRequest, newConflict, newInvalid, newNotFound, OPTIMISTIC_LOCK_MESSAGE } from '../../../machinery/errors/status.js';
import { toCauses, required, FieldPath, type ErrorList } from '../../../machinery/validation/field.js';
import type { Clock } from '../../../machinery/clock/clock.js';
import type { Store, StoredValue } from '../../../storage/interface.js';
import { ConflictError, KeyExistsError } from '../../../storage/errors.js';
import type { AdmissionChain, Operation } from '../../admission/interface.js';
import type { KObject, OperationContext, ResourceDefinition, ResourceInfo } from '../resource.js';
import { decodeObject, encodeObject, objectKey } from './codec.js';
import { toStatusError } from './errors.js';
import { carryUpdateMeta, fillCreateMeta, generateName } from './meta.js';

export interface RegistryDeps {
  store: Store;
  clock: Clock;
  admission: AdmissionChain;
  random?: () => number;
}

/** What an update may touch: the main resource, or only status. */
export type UpdateTarget = 'main' | 'status';

/** Conflict retries of a read-modify-write (upstream retries without bound; each retry means another writer won). */
const MAX_RETRIES = 1000;

export class GenericRegistry {
  readonly info: ResourceInfo;

  constructor(readonly def: ResourceDefinition, readonly deps: RegistryDeps) {
    this.info = def.info;
  }

  key(namespace: string, name: string): string {
    return objectKey(this.info, namespace, name);
  }

  get gr() {
    return { group: this.info.group, resource: this.info.resource };
  }

  async get(namespace: string, name: string): Promise<KObject> {
    const sv = await this.read(namespace, name);
    if (!sv) throw newNotFound(this.gr, name);
    return decodeObject(sv);
  }

  /** Latest stored value, or undefined. */
  async read(namespace: string, name: string): Promise<StoredValue | undefined> {
    try {
      return await this.deps.store.get(this.key(namespace, name));
    } catch (e) {
      throw toStatusError(e, this.info, name);
    }
  }

  /**
   * Creates an object. Each attempt starts again from the request body: a generated name (generateName) is
   * chosen first, so that prepareForCreate and defaults see it (a Job's name labels), and a name collision
   * retries with a new name. A uid from the client is dropped; one set by prepareForCreate is kept.
   */
  async create(namespace: string, body: KObject, ctx: OperationContext): Promise<KObject> {
    const generated = !body.metadata?.name && !!body.metadata?.generateName;
    for (let attempt = 0; ; attempt++) {
      const obj = structuredClone(body);
      this.setNamespace(obj, namespace);
      delete obj.metadata.uid;
      if (generated) obj.metadata.name = generateName(obj.metadata.generateName, this.deps.random);
      this.def.strategy.prepareForCreate?.(obj);
      this.def.strategy.defaults?.(obj);
      try {
        return await this.createOnce(namespace, obj, ctx);
      } catch (e) {
        if (!(generated && e instanceof KeyExistsError && attempt < 4)) throw toStatusError(e, this.info, obj.metadata.name);
      }
    }
  }

  /** Stored objects always carry the type meta of the resource they are stored under. */
  private setTypeMeta(obj: KObject): void {
    obj.apiVersion = this.info.group ? `${this.info.group}/${this.info.version}` : this.info.version;
    obj.kind = this.info.kind;
  }

  private async createOnce(namespace: string, obj: KObject, ctx: OperationContext): Promise<KObject> {
    this.setTypeMeta(obj);
    await this.admit('CREATE', namespace, obj, undefined, ctx, 'main');
    fillCreateMeta(obj, this.deps.clock.now(), !!this.def.strategy.tracksGeneration);
    const name = obj.metadata.name;
    const errs: ErrorList = name ? [] : [required(FieldPath.root('metadata', 'name'), 'name or generateName is required')];
    this.failIfInvalid(obj, [...errs, ...this.def.strategy.validate(obj)]);
    await this.validateAdmission('CREATE', namespace, obj, undefined, ctx, 'main');
    // Answer AlreadyExists before a hook reserves anything for a duplicate (a Service's explicit clusterIP would
    // otherwise read as "already allocated"); the create below still decides races.
    if (this.def.hooks?.beforeCreate && (await this.deps.store.get(this.key(namespace, name)))) {
      throw newAlreadyExists(this.gr, name);
    }
    await this.def.hooks?.beforeCreate?.(obj, ctx);
    if (ctx.dryRun) return { ...obj, metadata: { ...obj.metadata } };
    try {
      const sv = await this.deps.store.create(this.key(namespace, name), encodeObject(obj));
      return decodeObject(sv);
    } catch (e) {
      await this.def.hooks?.release?.(obj);
      throw e;
    }
  }

  /**
   * Read-modify-write with compare-and-swap, retried on conflicts. `mutate` gets a private copy of the current
   * object. If the result names a resourceVersion, it must be the current one (optimistic concurrency, 409).
   */
  async guaranteedUpdate(
    namespace: string,
    name: string,
    ctx: OperationContext,
    target: UpdateTarget,
    mutate: (current: KObject) => KObject | Promise<KObject>,
  ): Promise<{ object: KObject; deleted: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const sv = await this.read(namespace, name);
      if (!sv) throw newNotFound(this.gr, name);
      const current = decodeObject(sv);
      const next = await mutate(decodeObject(sv));
      const wanted = next.metadata?.resourceVersion;
      if (wanted && wanted !== sv.revision) throw newConflict(this.gr, name, OPTIMISTIC_LOCK_MESSAGE);
      try {
        return await this.updateOnce(namespace, name, next, current, sv, ctx, target);
      } catch (e) {
        if (e instanceof ConflictError && !wanted && attempt < MAX_RETRIES) continue;
        throw toStatusError(e, this.info, name);
      }
    }
  }

  /**
   * Compare-and-swap of the stored object without the strategy (defaults, validation, admission): for
   * subresources that own one field as upstream's binding does (`pods/binding` sets spec.nodeName).
   */
  async rawUpdate(namespace: string, name: string, ctx: OperationContext, mutate: (current: KObject) => KObject): Promise<KObject> {
    for (let attempt = 0; ; attempt++) {
      const sv = await this.read(namespace, name);
      if (!sv) throw newNotFound(this.gr, name);
      const next = mutate(decodeObject(sv));
      if (ctx.dryRun) return next;
      try {
        return decodeObject(await this.deps.store.update(this.key(namespace, name), encodeObject(next), sv.revision));
      } catch (e) {
        if (e instanceof ConflictError && attempt < MAX_RETRIES) continue;
        throw toStatusError(e, this.info, name);
      }
    }
  }

  private async updateOnce(
    namespace: string,
    name: string,
    obj: KObject,
    old: KObject,
    sv: StoredValue,
    ctx: OperationContext,
    target: UpdateTarget,
  ): Promise<{ object: KObject; deleted: boolean }> {
    obj.metadata = obj.metadata ?? {};
    this.setTypeMeta(obj);
    this.checkIdentity(namespace, name, obj);
    this.setNamespace(obj, namespace);
    this.prepareUpdate(obj, old, target);
    this.def.strategy.defaults?.(obj);
    await this.admit('UPDATE', namespace, obj, old, ctx, target);
    carryUpdateMeta(obj, old, !!this.def.strategy.tracksGeneration);
    this.failIfInvalid(obj, this.validateUpdate(obj, old, target));
    await this.validateAdmission('UPDATE', namespace, obj, old, ctx, target);
    if (this.finalized(obj)) return this.removeFinalized(namespace, name, obj, sv, ctx);
    const encoded = encodeObject(obj);
    if (encoded === encodeObject(old)) return { object: old, deleted: false };
    await this.def.hooks?.beforeUpdate?.(obj, old, ctx);
    if (ctx.dryRun) return { object: { ...obj, metadata: { ...obj.metadata, resourceVersion: sv.revision } }, deleted: false };
    const written = await this.deps.store.update(this.key(namespace, name), encoded, sv.revision);
    return { object: decodeObject(written), deleted: false };
  }

  private prepareUpdate(obj: KObject, old: KObject, target: UpdateTarget): void {
    if (target === 'status') {
      const status = obj.status;
      const meta = obj.metadata;
      for (const k of Object.keys(obj)) delete obj[k];
      Object.assign(obj, structuredClone(old));
      if (status !== undefined) obj.status = status;
      else delete obj.status;
      // Status writers may still change labels, annotations, finalizers and owner references (as upstream).
      for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) {
        if (meta[k] !== undefined) obj.metadata[k] = meta[k];
        else delete obj.metadata[k];
      }
      obj.metadata.resourceVersion = meta.resourceVersion;
      this.def.status?.prepareForUpdate?.(obj, old);
      return;
    }
    this.def.strategy.prepareForUpdate?.(obj, old);
  }

  private validateUpdate(obj: KObject, old: KObject, target: UpdateTarget): ErrorList {
    if (target === 'status') return this.def.status?.validateUpdate?.(obj, old) ?? [];
    const s = this.def.strategy;
    return [...s.validate(obj), ...(s.validateUpdate?.(obj, old) ?? [])];
  }

  /** An object marked for deletion whose last finalizer is gone is removed by the update that removed it. */
  private finalized(obj: KObject): boolean {
    const m = obj.metadata;
    if (!m.deletionTimestamp || (m.finalizers?.length ?? 0) > 0) return false;
    return !this.def.hooks?.blocksDeletion?.(obj);
  }

  private async removeFinalized(namespace: string, name: string, obj: KObject, sv: StoredValue, ctx: OperationContext) {
    if (ctx.dryRun) return { object: obj, deleted: true };
    await this.deps.store.delete(this.key(namespace, name), sv.revision);
    await this.def.hooks?.release?.(obj);
    return { object: obj, deleted: true };
  }

  private checkIdentity(namespace: string, name: string, obj: KObject): void {
    const m = obj.metadata;
    if (m.name && m.name !== name) {
      throw newBadRequest(`the name of the object (${m.name}) does not match the name on the URL (${name})`);
    }
    m.name = name;
    if (this.info.namespaced && m.namespace && m.namespace !== namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  }

  private setNamespace(obj: KObject, namespace: string): void {
    obj.metadata = obj.metadata ?? {};
    if (!this.info.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = namespace;
  }

  failIfInvalid(obj: KObject, errs: ErrorList): void {
    if (errs.length === 0) return;
    throw newInvalid({ group: this.info.group, kind: this.info.kind }, obj.metadata?.name ?? '', toCauses(errs));
  }

  async admit(op: Operation, namespace: string, obj: KObject | undefined, old: KObject | undefined, ctx: OperationContext, target: UpdateTarget | string) {
    await this.deps.admission.admit(this.attrs(op, namespace, obj, old, ctx, target));
  }

  async validateAdmission(op: Operation, namespace: string, obj: KObject | undefined, old: KObject | undefined, ctx: OperationContext, target: UpdateTarget | string) {
    await this.deps.admission.validate(this.attrs(op, namespace, obj, old, ctx, target));
  }

  private attrs(op: Operation, namespace: string, obj: KObject | undefined, old: KObject | undefined, ctx: OperationContext, target: string) {
    const name = obj?.metadata?.name ?? old?.metadata?.name ?? '';
    return {
      operation: op,
      info: this.info,
      subresource: target === 'main' ? '' : target,
      namespace,
      name,
      ...(obj ? { object: obj } : {}),
      ...(old ? { oldObject: old } : {}),
      ctx,
    };
  }
}
