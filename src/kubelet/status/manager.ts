/**
 * The pod status manager (upstream's pkg/kubelet/status): writes a pod's status as a strategic merge PATCH of
 * pods/status (patch.ts) — no resourceVersion, so a write never conflicts with other writers of the pod, and the
 * pod's uid as a precondition, so a pod recreated under the same name is never patched. Deletes a pod whose
 * containers are gone with gracePeriodSeconds 0 (and the uid as precondition).
 *
 * The patch is computed from the last status the kubelet knows: its own last write (the server's answer) while the
 * cached pod is still the one that write was computed from — the cache has not caught up with it yet — and the
 * cached pod's status otherwise (it then includes that write, or something newer). Nothing is sent when the
 * kubelet's part of the status equals its last write or the diff is empty.
 */
import type { PodStatus } from 'kubernetes-types/core/v1.js';
import { catalogEntry } from '../../api/catalog.js';
import type { Client, ResourceRef } from '../../client/interface.js';
import { isConflictStatus, isInvalidStatus, isNotFoundStatus } from '../../machinery/errors/status.js';
import { semanticEqual } from '../equality.js';
import type { PodObject } from '../types.js';
import { kubeletPart, podStatusPatch } from './patch.js';

export const PODS: ResourceRef = catalogEntry('', 'pods')!;

interface LastWrite {
  /** The pod's status as the server answered the write. */
  status: PodStatus;
  /** resourceVersion of the cached pod the write was computed from. */
  basis: string | undefined;
}

export class StatusManager {
  /** The last write per pod uid. */
  private readonly written = new Map<string, LastWrite>();

  constructor(private readonly client: Client) {}

  /** Patches the pod's status to `status` unless nothing would change. Resolves false if the pod is gone. */
  async setPodStatus(pod: Readonly<PodObject>, status: PodStatus): Promise<boolean> {
    const uid = pod.metadata?.uid ?? '';
    const last = this.written.get(uid);
    if (last && semanticEqual(kubeletPart(last.status), kubeletPart(status))) return true;
    const basis = pod.metadata?.resourceVersion;
    const old = last && last.basis === basis ? last.status : (pod.status ?? {});
    const patch = podStatusPatch(uid, old, status);
    if (!patch) return true;
    const { namespace, name } = pod.metadata as { namespace: string; name: string };
    try {
      const saved = await this.client.patch<PodObject>(PODS, namespace, name, 'strategic', patch, { subresource: 'status' });
      this.written.set(uid, { status: saved.status ?? {}, basis });
      return true;
    } catch (e) {
      if (isNotFoundStatus(e) || ((isInvalidStatus(e) || isConflictStatus(e)) && (await this.replaced(pod)))) {
        this.written.delete(uid);
        return false;
      }
      throw e;
    }
  }

  /** Deletes the pod from the API once the kubelet has stopped it (grace 0, this uid only). */
  async deletePod(pod: Readonly<PodObject>): Promise<void> {
    try {
      await this.client.delete(PODS, pod.metadata!.namespace!, pod.metadata!.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata!.uid! },
      });
    } catch (e) {
      if (!isNotFoundStatus(e) && !isConflictStatus(e)) throw e;
    }
  }

  forget(uid: string): void {
    this.written.delete(uid);
  }

  /**
   * Whether the pod of this name is gone or another one now: what a refused uid precondition means (the API server
   * answers 422 for a patch that would change metadata.uid, as upstream's does).
   */
  private async replaced(pod: Readonly<PodObject>): Promise<boolean> {
    try {
      const cur = await this.client.get<PodObject>(PODS, pod.metadata!.namespace!, pod.metadata!.name!);
      return cur.metadata?.uid !== pod.metadata?.uid;
    } catch (e) {
      if (isNotFoundStatus(e)) return true;
      throw e;
    }
  }
}
