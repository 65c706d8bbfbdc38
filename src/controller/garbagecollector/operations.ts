/**
 * The collector's API calls, by object identity: a live GET (the graph can lag; decisions to delete are made on
 * the server's word), deletes preconditioned on the uid, removal of owner references and of finalizers.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Client, KubeObject, ResourceRef } from '../../client/interface.js';
import { isConflictStatus, isNotFoundStatus } from '../../machinery/errors/status.js';
import { identityString, resourceFor, type ObjectIdentity } from './graph.js';

export type Propagation = 'Orphan' | 'Background' | 'Foreground';

/** Attempts at a read-modify-write of finalizers before the conflict is handed to the queue's backoff. */
const FINALIZER_RETRIES = 5;

export type ObjectMetaWithRefs = NonNullable<KubeObject['metadata']> & {
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  deletionTimestamp?: string;
};

export const metaOf = (obj: Readonly<KubeObject>): Readonly<ObjectMetaWithRefs> => (obj.metadata ?? {}) as ObjectMetaWithRefs;

export class GcOperations {
  constructor(private readonly client: Client) {}

  /** The resource of an identity; throws for a kind the catalog does not serve (retried with backoff). */
  resource(identity: ObjectIdentity): ResourceRef {
    const r = resourceFor(identity);
    if (!r) throw new Error(`unable to map ${identity.apiVersion}/${identity.kind} to a served resource for ${identityString(identity)}`);
    return r;
  }

  /** The live object, or undefined when the server does not have it. */
  async get(identity: ObjectIdentity): Promise<KubeObject | undefined> {
    const r = this.resource(identity);
    try {
      return await this.client.get(r, r.namespaced ? identity.namespace : '', identity.name);
    } catch (err) {
      if (isNotFoundStatus(err)) return undefined;
      throw err;
    }
  }

  /** Deletes the object with `policy`, only if it is still the same object (uid precondition). */
  async delete(identity: ObjectIdentity, policy: Propagation): Promise<void> {
    const r = this.resource(identity);
    try {
      await this.client.delete(r, r.namespaced ? identity.namespace : '', identity.name, {
        propagationPolicy: policy,
        preconditions: { uid: identity.uid },
      });
    } catch (err) {
      if (!isNotFoundStatus(err)) throw err;
    }
  }

  /**
   * Removes the owner references with these uids (a strategic merge patch keyed by uid, carrying the object's uid
   * so that a recreated object of the same name is not touched).
   */
  async removeOwnerReferences(identity: ObjectIdentity, ownerUids: readonly string[]): Promise<void> {
    const r = this.resource(identity);
    const patch = { metadata: { uid: identity.uid, ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })) } };
    try {
      await this.client.patch(r, r.namespaced ? identity.namespace : '', identity.name, 'strategic', patch);
    } catch (err) {
      if (!isNotFoundStatus(err)) throw err;
    }
  }

  /** Clears blockOwnerDeletion on every owner reference (breaks foreground cycles). */
  async unblockOwnerReferences(identity: ObjectIdentity, refs: readonly OwnerReference[]): Promise<void> {
    const r = this.resource(identity);
    const ownerReferences = refs.map((o) => ({ uid: o.uid, blockOwnerDeletion: false }));
    const patch = { metadata: { uid: identity.uid, ownerReferences } };
    await this.client.patch(r, r.namespaced ? identity.namespace : '', identity.name, 'strategic', patch);
  }

  /** Removes one finalizer: read, then a merge patch guarded by the resourceVersion, retried on conflict. */
  async removeFinalizer(identity: ObjectIdentity, finalizer: string): Promise<void> {
    const r = this.resource(identity);
    const namespace = r.namespaced ? identity.namespace : '';
    for (let attempt = 1; ; attempt++) {
      const live = await this.get(identity);
      if (!live || metaOf(live).uid !== identity.uid) return;
      const finalizers = metaOf(live).finalizers ?? [];
      if (!finalizers.includes(finalizer)) return;
      const patch = { metadata: { resourceVersion: metaOf(live).resourceVersion, finalizers: finalizers.filter((f) => f !== finalizer) } };
      try {
        await this.client.patch(r, namespace, identity.name, 'merge', patch);
        return;
      } catch (err) {
        if (isNotFoundStatus(err)) return;
        if (!isConflictStatus(err) || attempt >= FINALIZER_RETRIES) throw err;
      }
    }
  }
}
