/**
 * Adoption and orphaning by selector (upstream's BaseControllerRefManager.ClaimObject), for any controlled
 * resource. For each candidate:
 *  - controlled by someone else → ignored;
 *  - controlled by this owner → kept while the selector matches, else released (unless the owner is being deleted:
 *    the garbage collector handles that);
 *  - an orphan that matches, in the owner's namespace, not itself being deleted, while the owner is not being
 *    deleted → adopted (after `canAdopt`, checked once, confirms against the API that the owner still exists and is
 *    not being deleted — the cache may lag).
 * A NotFound while adopting or releasing means the object is gone: it is skipped, not an error.
 */
import type { Client, KubeObject, ResourceRef } from '../../client/interface.js';
import { isInvalidStatus, isNotFoundStatus } from '../../machinery/errors/status.js';
import type { Selector } from '../../machinery/labels/index.js';
import { adoptPatch, getControllerOf, newControllerRef, ownerRefsMergePatch, ownerRefsOf, releasePatch, type GroupVersionKind } from './controller-ref.js';

type Owner = Readonly<KubeObject> & { metadata?: { deletionTimestamp?: string | null } };

export interface ControllerRefManagerOptions {
  client: Client;
  /** The resource of the controlled objects (pods, replicasets, controllerrevisions …). */
  resource: ResourceRef;
  owner: Owner;
  ownerGVK: GroupVersionKind;
  selector: Selector;
  /** Throws to refuse adoption; see `recheckDeletionTimestamp`. */
  canAdopt?: () => Promise<void>;
  /**
   * How adoption and release are written. 'strategic' (default): `adoptPatch` / `releasePatch`, guarded by the
   * object's uid. 'merge': a JSON merge patch of the whole new `ownerReferences` list guarded by the cached
   * `resourceVersion` (`ownerRefsMergePatch`) — a stale cache gets a 409 Conflict and the sync is retried, and no
   * strategic-merge support is needed on the other side.
   */
  patchType?: 'strategic' | 'merge';
}

export class ControllerRefManager<T extends KubeObject = KubeObject> {
  private canAdoptOnce: Promise<void> | undefined;

  constructor(private readonly o: ControllerRefManagerOptions) {}

  /** The objects this owner controls after adoption and release; throws (after trying all) if any write failed. */
  async claim(objs: readonly Readonly<T>[], filters: ((o: Readonly<T>) => boolean)[] = []): Promise<Readonly<T>[]> {
    const match = (obj: Readonly<T>): boolean => this.o.selector.matches(obj.metadata?.labels) && filters.every((f) => f(obj));
    const claimed: Readonly<T>[] = [];
    const errors: unknown[] = [];
    for (const obj of objs) {
      try {
        if (await this.claimObject(obj, match)) claimed.push(obj);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[${errors.map(String).join(', ')}]`);
    return claimed;
  }

  async claimObject(obj: Readonly<T>, match: (o: Readonly<T>) => boolean): Promise<boolean> {
    const ownerDeleting = !!this.o.owner.metadata?.deletionTimestamp;
    const ref = getControllerOf(obj);
    if (ref) {
      if (ref.uid !== this.o.owner.metadata?.uid) return false;
      if (match(obj)) return true;
      if (!ownerDeleting) await this.release(obj);
      return false;
    }
    if (ownerDeleting || !match(obj)) return false;
    if ((obj.metadata as Owner['metadata'])?.deletionTimestamp) return false;
    const ns = this.o.owner.metadata?.namespace;
    if (ns && ns !== obj.metadata?.namespace) return false;
    return this.adopt(obj);
  }

  private async adopt(obj: Readonly<T>): Promise<boolean> {
    if (this.o.canAdopt) {
      this.canAdoptOnce ??= this.o.canAdopt();
      try {
        await this.canAdoptOnce;
      } catch (err) {
        throw new Error(`can't adopt ${this.o.resource.kind} ${obj.metadata?.namespace}/${obj.metadata?.name}: ${String(err instanceof Error ? err.message : err)}`);
      }
    }
    const body =
      this.o.patchType === 'merge'
        ? ownerRefsMergePatch(obj, [...ownerRefsOf(obj), newControllerRef(this.o.owner, this.o.ownerGVK)])
        : adoptPatch(this.o.owner, this.o.ownerGVK, obj.metadata?.uid ?? '');
    try {
      await this.patch(obj, body);
      return true;
    } catch (err) {
      if (isNotFoundStatus(err)) return false;
      throw err;
    }
  }

  private async release(obj: Readonly<T>): Promise<void> {
    const ownerUid = this.o.owner.metadata?.uid ?? '';
    const body =
      this.o.patchType === 'merge'
        ? ownerRefsMergePatch(obj, ownerRefsOf(obj).filter((r) => r.uid !== ownerUid))
        : releasePatch(ownerUid, obj.metadata?.uid ?? '');
    try {
      await this.patch(obj, body);
    } catch (err) {
      // Gone, or re-created under the same name (uid mismatch → 422): nothing to release.
      if (isNotFoundStatus(err) || isInvalidStatus(err)) return;
      throw err;
    }
  }

  private patch(obj: Readonly<T>, body: unknown): Promise<unknown> {
    const type = this.o.patchType ?? 'strategic';
    return this.o.client.patch(this.o.resource, obj.metadata?.namespace ?? '', obj.metadata?.name ?? '', type, body);
  }
}

/**
 * A `canAdopt` that reads the owner fresh from the API (not the cache) and refuses when it was replaced (another
 * uid) or is being deleted, with upstream's messages.
 */
export function recheckDeletionTimestamp(getFresh: () => Promise<Owner>, owner: Owner): () => Promise<void> {
  return async () => {
    let fresh: Owner;
    try {
      fresh = await getFresh();
    } catch (err) {
      throw new Error(`can't recheck DeletionTimestamp: ${err instanceof Error ? err.message : String(err)}`);
    }
    const m = fresh.metadata ?? {};
    if (m.uid !== owner.metadata?.uid) {
      throw new Error(`original ${owner.metadata?.namespace}/${owner.metadata?.name} is gone: got uid ${m.uid}, wanted ${owner.metadata?.uid}`);
    }
    if (m.deletionTimestamp) throw new Error(`${m.namespace}/${m.name} has just been deleted at ${m.deletionTimestamp}`);
  };
}
