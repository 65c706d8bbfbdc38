/**
 * Adoption and orphaning by selector and controllerRef (upstream's ControllerRefManager; stand-in for
 * controller/framework). An object controlled by the owner stays claimed while the selector matches and is released
 * when it stops matching; an orphan that matches is adopted, after a fresh check that the owner is not being deleted.
 * Objects controlled by someone else are never touched.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../../../client/interface.js';
import type { Selector } from '../../../machinery/labels/index.js';
import { isNotFoundStatus } from '../../../machinery/errors/status.js';
import { getControllerOf } from './controller-ref.js';

type WithRefs = KubeObject & { metadata?: { ownerReferences?: OwnerReference[]; deletionTimestamp?: string } };

export interface ClaimOptions<T extends KubeObject> {
  owner: Readonly<KubeObject> & { metadata?: { deletionTimestamp?: string } };
  controllerRef: OwnerReference;
  selector: Selector;
  /** Throws when the owner may not adopt (fresh read: gone, other uid, or being deleted). Called at most once. */
  canAdopt: () => Promise<void>;
  /** Writes the object's new ownerReferences (a merge patch with the cached resourceVersion as precondition). */
  writeOwnerRefs: (obj: Readonly<T>, refs: OwnerReference[]) => Promise<T>;
}

const refsOf = (o: Readonly<KubeObject>): OwnerReference[] => (o as WithRefs).metadata?.ownerReferences ?? [];

/** The objects the owner controls after adopting and releasing; throws the first write error. */
export async function claimObjects<T extends KubeObject>(objs: readonly Readonly<T>[], o: ClaimOptions<T>): Promise<Readonly<T>[]> {
  const claimed: Readonly<T>[] = [];
  let adoptCheck: Promise<void> | undefined;
  const ownerDeleting = !!o.owner.metadata?.deletionTimestamp;
  for (const obj of objs) {
    const ref = getControllerOf(obj);
    const matches = o.selector.matches(obj.metadata?.labels);
    if (ref) {
      if (ref.uid !== o.controllerRef.uid) continue;
      if (matches) claimed.push(obj);
      else if (!ownerDeleting) await ignoreNotFound(o.writeOwnerRefs(obj, refsOf(obj).filter((r) => r.uid !== ref.uid)));
      continue;
    }
    if (!matches || ownerDeleting || (obj as WithRefs).metadata?.deletionTimestamp) continue;
    adoptCheck ??= o.canAdopt();
    await adoptCheck;
    const adopted = await ignoreNotFound(o.writeOwnerRefs(obj, [...refsOf(obj), o.controllerRef]));
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

async function ignoreNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isNotFoundStatus(err)) return undefined;
    throw err;
  }
}

/** The merge patch that sets ownerReferences, guarded by the cached resourceVersion (409 when stale). */
export const ownerRefsPatch = (obj: Readonly<KubeObject>, refs: OwnerReference[]): unknown => ({
  metadata: { ownerReferences: refs, resourceVersion: obj.metadata?.resourceVersion },
});
