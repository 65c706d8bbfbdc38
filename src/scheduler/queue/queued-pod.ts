/** Building and identifying QueuedPodInfos: the queue knows a pod by its uid (`namespace/name` when it has none). */
import type { QueuedPodInfo } from '../framework/interface.js';
import { PodInfo, podKey, type P } from '../framework/types.js';

export const podUid = (p: P): string => p.metadata?.uid || podKey(p);

export const queuedPodUid = (q: QueuedPodInfo): string => podUid(q.podInfo.pod);

export function newQueuedPodInfo(pod: P, now: number): QueuedPodInfo {
  return {
    podInfo: new PodInfo(pod),
    timestamp: now,
    attempts: 0,
    unschedulablePlugins: new Set(),
    pendingPlugins: new Set(),
    gated: false,
  };
}
