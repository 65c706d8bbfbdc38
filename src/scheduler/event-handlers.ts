/**
 * Informer events → cache and queue (upstream's addAllEventHandlers):
 *   - assigned pods (spec.nodeName set) go to the cache; their deletion is an AssignedPodDelete cluster event;
 *   - unassigned pods whose schedulerName is one of our profiles go to the queue;
 *   - nodes go to the cache, with NodeAdd and the NodeSchedulingPropertiesChange events;
 *   - PVCs, PVs, StorageClasses and Namespaces only raise cluster events (plugins read them through listers).
 * A pod that becomes bound leaves the queue side (delete) and enters the cache side (add), as client-go's
 * filtering handler does; that add confirms the pod the scheduler assumed.
 */
import type { Informer, ResourceEventHandler } from '../client/informer/interface.js';
import type { KubeObject } from '../client/interface.js';
import type { Logger } from '../machinery/log/logger.js';
import type { SchedulerCache } from './cache/cache.js';
import { EVENT_ASSIGNED_POD_DELETE, EVENT_NODE_ADD, nodeSchedulingPropertiesChange, resourceEvent } from './cluster-events.js';
import type { DiagnosisStore } from './diagnosis.js';
import type { EventResource } from './framework/interface.js';
import { podKey, type P } from './framework/types.js';
import type { NodeObject as Node, PodObject as Pod } from './informers.js';
import type { SchedulingQueue } from './queue/interface.js';
import type { Framework } from './runtime/framework.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface EventHandlerTarget {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly diagnoses: DiagnosisStore;
  readonly logger: Logger;
  frameworkForPod(pod: P): Framework | undefined;
}

/** client-go's FilteringResourceEventHandler: an update that crosses the filter is a delete or an add. */
export function filtering<T extends KubeObject>(filter: (o: Readonly<T>) => boolean, h: ResourceEventHandler<T>): ResourceEventHandler<T> {
  return {
    onAdd: (o) => {
      if (filter(o)) h.onAdd?.(o);
    },
    onUpdate: (old, cur) => {
      const was = filter(old);
      const is = filter(cur);
      if (was && is) h.onUpdate?.(old, cur);
      else if (was) h.onDelete?.(old);
      else if (is) h.onAdd?.(cur);
    },
    onDelete: (o) => {
      if (filter(o)) h.onDelete?.(o);
    },
  };
}

const assigned = (p: Readonly<Pod>): boolean => !!p.spec?.nodeName;

function tryLog(log: Logger, what: string, fn: () => void, fields: Record<string, unknown>): void {
  try {
    fn();
  } catch (e) {
    log.error(what, { ...fields, err: (e as Error).message ?? String(e) });
  }
}

function assignedPodHandler(t: EventHandlerTarget): ResourceEventHandler<Pod> {
  return {
    onAdd: (pod) => {
      tryLog(t.logger, 'Scheduler cache AddPod failed', () => t.cache.addPod(pod), { pod: podKey(pod) });
      t.diagnoses.delete(pod);
      t.queue.assignedPodAdded(pod);
    },
    onUpdate: (old, cur) => {
      if (old.metadata?.uid !== cur.metadata?.uid) {
        tryLog(t.logger, 'Scheduler cache RemovePod failed', () => t.cache.removePod(old), { pod: podKey(old) });
        tryLog(t.logger, 'Scheduler cache AddPod failed', () => t.cache.addPod(cur), { pod: podKey(cur) });
        return;
      }
      if (old.metadata?.resourceVersion && old.metadata.resourceVersion === cur.metadata?.resourceVersion) return;
      tryLog(t.logger, 'Scheduler cache UpdatePod failed', () => t.cache.updatePod(old, cur), { pod: podKey(cur) });
      t.queue.assignedPodUpdated(old, cur);
    },
    onDelete: (pod) => {
      tryLog(t.logger, 'Scheduler cache RemovePod failed', () => t.cache.removePod(pod), { pod: podKey(pod) });
      t.queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, pod, undefined);
    },
  };
}

function unassignedPodHandler(t: EventHandlerTarget): ResourceEventHandler<Pod> {
  return {
    onAdd: (pod) => t.queue.add(pod),
    onUpdate: (old, cur) => {
      // An identical object (resync) must not send the pod through scheduling twice.
      if (old.metadata?.resourceVersion && old.metadata.resourceVersion === cur.metadata?.resourceVersion) return;
      if (t.cache.isAssumedPod(cur)) return;
      t.queue.update(old, cur);
      if ((old.status?.nominatedNodeName ?? '') !== (cur.status?.nominatedNodeName ?? '')) {
        // Leaving a nominated node frees what it held for lower-priority pods, as a deleted pod would.
        t.queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, old, undefined);
      }
    },
    onDelete: (pod) => {
      t.queue.delete(pod);
      t.diagnoses.delete(pod);
      // A pod deleted while waiting at Permit was assumed: releasing it frees room for others.
      if (t.frameworkForPod(pod)?.rejectWaitingPod(pod.metadata?.uid ?? '')) {
        t.queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, pod, undefined);
      }
    },
  };
}

function nodeHandler(t: EventHandlerTarget): ResourceEventHandler<Node> {
  return {
    onAdd: (node) => {
      t.cache.addNode(node);
      t.queue.moveAllToActiveOrBackoffQueue(EVENT_NODE_ADD, undefined, node);
    },
    onUpdate: (old, cur) => {
      if (old.metadata?.resourceVersion && old.metadata.resourceVersion === cur.metadata?.resourceVersion) return;
      t.cache.updateNode(old, cur);
      for (const e of nodeSchedulingPropertiesChange(cur, old)) t.queue.moveAllToActiveOrBackoffQueue(e, old, cur);
    },
    onDelete: (node) => tryLog(t.logger, 'Scheduler cache RemoveNode failed', () => t.cache.removeNode(node), { node: node.metadata?.name }),
  };
}

/** Add/Update of a resource only raises its cluster event. */
function eventOnly(t: EventHandlerTarget, resource: EventResource): ResourceEventHandler {
  return {
    onAdd: (o) => t.queue.moveAllToActiveOrBackoffQueue(resourceEvent(resource, 'Add'), undefined, o),
    onUpdate: (old, cur) => {
      if (old.metadata?.resourceVersion && old.metadata.resourceVersion === cur.metadata?.resourceVersion) return;
      t.queue.moveAllToActiveOrBackoffQueue(resourceEvent(resource, 'Update'), old, cur);
    },
  };
}

export interface SchedulerInformers {
  pods: Informer<Pod>;
  nodes: Informer<Node>;
  /** Resources that only raise cluster events. */
  others?: Partial<Record<EventResource, Informer>>;
}

/** `schedulerNames` are the profiles' names: pods for other schedulers are left alone. */
export function addAllEventHandlers(t: EventHandlerTarget, inf: SchedulerInformers, schedulerNames: ReadonlySet<string>): void {
  const responsible = (p: Readonly<Pod>): boolean => schedulerNames.has(p.spec?.schedulerName || DEFAULT_SCHEDULER_NAME);
  inf.pods.addEventHandler(filtering<Pod>(assigned, assignedPodHandler(t)));
  inf.pods.addEventHandler(filtering<Pod>((p) => !assigned(p) && responsible(p), unassignedPodHandler(t)));
  inf.nodes.addEventHandler(nodeHandler(t));
  for (const [resource, informer] of Object.entries(inf.others ?? {}) as [EventResource, Informer][]) {
    informer.addEventHandler(eventOnly(t, resource));
  }
}
