/**
 * The NoExecute taint manager (upstream's tainteviction controller), level-triggered: one key per pod. A pod bound
 * to a node with NoExecute taints it does not tolerate is deleted at once; one tolerating them for
 * tolerationSeconds is deleted once that time has passed since the taints' timeAdded (the key waits with
 * requeueAfter); one tolerating them forever stays. Before the delete the pod gets the DisruptionTarget condition.
 */
import type { Client } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import { splitKey } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { PODS } from '../../client/resources.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import type { SyncResult } from '../framework/index.js';
import { noExecuteTaints } from './taints.js';
import { evictionVerdict } from './tolerations.js';
import { EVENT_TAINT_MANAGER_EVICTION, timeString, type NodeObject, type PodObject } from './types.js';

export interface TaintManagerDeps {
  client: Client;
  clock: Clock;
  recorder: EventRecorder;
  nodes: Lister<NodeObject>;
  pods: Lister<PodObject>;
}

export class TaintManager {
  /** Pods with an eviction scheduled (for the "Cancelling deletion" event only). */
  private readonly scheduled = new Set<string>();

  constructor(private readonly d: TaintManagerDeps) {}

  async sync(key: string): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const pod = this.d.pods.get(namespace, name);
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName || pod.metadata?.deletionTimestamp) {
      this.scheduled.delete(key);
      return undefined;
    }
    const now = this.d.clock.now().getTime();
    const verdict = evictionVerdict(noExecuteTaints(this.d.nodes.get('', nodeName)), pod.spec?.tolerations ?? [], now);
    if (verdict.kind === 'keep') {
      this.cancel(pod, key);
      return undefined;
    }
    if (verdict.kind === 'at' && verdict.atMs > now) {
      this.scheduled.add(key);
      return { requeueAfter: verdict.atMs - now };
    }
    this.scheduled.delete(key);
    await this.evict(pod, key);
    return undefined;
  }

  forget(key: string): void {
    this.scheduled.delete(key);
  }

  private cancel(pod: Readonly<PodObject>, key: string): void {
    if (!this.scheduled.delete(key)) return;
    this.d.recorder.event(pod, 'Normal', EVENT_TAINT_MANAGER_EVICTION, `Cancelling deletion of Pod ${key}`);
  }

  private async evict(pod: Readonly<PodObject>, key: string): Promise<void> {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    this.d.recorder.event(pod, 'Normal', EVENT_TAINT_MANAGER_EVICTION, `Marking for deletion Pod ${key}`);
    try {
      await this.d.client.patch(PODS, ns, name, 'strategic', disruptionTargetPatch(this.d.clock.now()), { subresource: 'status' });
      await this.d.client.delete(PODS, ns, name, { preconditions: { uid: String(pod.metadata?.uid ?? '') } });
    } catch (err) {
      if (!isNotFoundStatus(err)) throw err;
    }
  }
}

function disruptionTargetPatch(now: Date): unknown {
  const condition = {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'DeletionByTaintManager',
    message: 'Taint manager: deleting due to NoExecute taint',
    lastTransitionTime: timeString(now),
  };
  return { status: { conditions: [condition] } };
}
