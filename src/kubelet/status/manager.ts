/**
 * The pod status manager (upstream's pkg/kubelet/status): writes a pod's status through pods/status with a PUT
 * carrying the resourceVersion the kubelet saw, re-reading the pod and retrying on a conflict; skips writes that
 * would change nothing (against the API's status and against its own last write, which may be newer than the
 * cache); and deletes a pod whose containers are gone with gracePeriodSeconds 0 (and the uid as precondition).
 */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import { catalogEntry } from '../../api/catalog.js';
import type { Client, ResourceRef } from '../../client/interface.js';
import { isConflictStatus, isNotFoundStatus } from '../../machinery/errors/status.js';
import { semanticEqual } from '../equality.js';
import { KUBELET_CONDITIONS } from '../pod/conditions.js';
import type { PodObject } from '../types.js';

export const PODS: ResourceRef = catalogEntry('', 'pods')!;

const MAX_ATTEMPTS = 5;

export class StatusManager {
  /** The status last written per pod uid. */
  private readonly written = new Map<string, PodStatus>();

  constructor(private readonly client: Client) {}

  /** Writes `status` unless the API or our last write already has it. Resolves false if the pod is gone. */
  async setPodStatus(pod: Readonly<PodObject>, status: PodStatus): Promise<boolean> {
    const uid = pod.metadata?.uid ?? '';
    const last = this.written.get(uid);
    if ((last && semanticEqual(last, status)) || semanticEqual(pod.status, status)) return true;
    let cur: Readonly<PodObject> = pod;
    for (let attempt = 1; ; attempt++) {
      try {
        const body = { ...structuredClone(cur), status: mergeStatus(cur, status) } as PodObject;
        const saved = await this.client.update<PodObject>(PODS, pod.metadata!.namespace!, body, { subresource: 'status' });
        this.written.set(uid, saved.status ?? status);
        return true;
      } catch (e) {
        if (isNotFoundStatus(e)) return false;
        if (!isConflictStatus(e) || attempt >= MAX_ATTEMPTS) throw e;
        cur = await this.client.get<PodObject>(PODS, pod.metadata!.namespace!, pod.metadata!.name!);
        if (cur.metadata?.uid !== uid) return false;
      }
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
}

/** Our status, with the conditions other writers own (DisruptionTarget, readiness gates) taken from `cur`. */
function mergeStatus(cur: Readonly<PodObject>, status: PodStatus): PodStatus {
  const foreign = (cur.status?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const own = (status.conditions ?? []).filter((c) => KUBELET_CONDITIONS.includes(c.type));
  return { ...status, conditions: [...own, ...foreign] };
}
