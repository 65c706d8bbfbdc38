/**
 * The pod garbage collector (upstream's podgc.PodGCController). Every 20 s it force-deletes (grace 0):
 *  - terminated pods (Succeeded/Failed) over terminatedPodGCThreshold (12500), evicted and oldest first;
 *  - terminating pods on not-Ready nodes tainted node.kubernetes.io/out-of-service;
 *  - pods bound to nodes that no longer exist — a node missing from the cache is quarantined for 40 s and then
 *    confirmed gone with a GET, so that a node informer lagging behind a new node cannot cost its pods;
 *  - terminating pods that were never scheduled.
 * A pod not yet in a terminal phase is first set Failed (orphans also get DisruptionTarget/DeletionByPodGC), since no
 * kubelet will ever report its end.
 */
import type { Informer } from '../../client/informer/interface.js';
import { sleep } from '../../client/leaderelection/sleep.js';
import { NODES, PODS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { runController, type Controller, type ControllerContext } from '../framework/index.js';
import { isPodTerminated, missingNodeNames, terminatedOverThreshold, terminatingOnOutOfService, unscheduledTerminating, type NodeObject, type PodObject } from './select.js';

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;
export const DEFAULT_TERMINATED_POD_GC_THRESHOLD = 12_500;

export interface PodGCOptions {
  terminatedPodGCThreshold?: number;
  gcCheckPeriodMs?: number;
  quarantineMs?: number;
}

interface DisruptionCondition {
  reason: string;
  message: string;
}

const ORPHANED: DisruptionCondition = { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };

export class PodGCController implements Controller {
  readonly name = 'podgc';
  private readonly pods: Informer<PodObject>;
  private readonly nodes: Informer<NodeObject>;
  /** Missing node name → when it was first seen missing (ms on the clock). */
  private readonly quarantine = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext, private readonly opts: PodGCOptions = {}) {
    this.pods = ctx.informers.informerFor<PodObject>(PODS);
    this.nodes = ctx.informers.informerFor<NodeObject>(NODES);
  }

  /** One collection pass (exposed for tests). Errors are logged per pod; the next pass retries. */
  async gc(): Promise<void> {
    const pods = this.pods.lister.list();
    const threshold = this.opts.terminatedPodGCThreshold ?? DEFAULT_TERMINATED_POD_GC_THRESHOLD;
    await this.deleteAll(terminatedOverThreshold(pods, threshold));
    await this.deleteAll(terminatingOnOutOfService(pods, (n) => this.nodes.lister.get('', n)));
    await this.gcOrphaned(pods);
    await this.deleteAll(unscheduledTerminating(this.pods.lister.list()));
  }

  private async gcOrphaned(pods: readonly Readonly<PodObject>[]): Promise<void> {
    const missing = missingNodeNames(pods, (n) => this.nodes.lister.get('', n) !== undefined);
    const now = this.ctx.clock.now().getTime();
    for (const name of this.quarantine.keys()) if (!missing.has(name)) this.quarantine.delete(name);
    const deleted = new Set<string>();
    for (const name of missing) {
      const since = this.quarantine.get(name);
      if (since === undefined) this.quarantine.set(name, now);
      else if (now - since >= (this.opts.quarantineMs ?? QUARANTINE_MS) && !(await this.nodeExists(name))) deleted.add(name);
    }
    const orphans = pods.filter((p) => deleted.has(p.spec?.nodeName ?? ''));
    await this.deleteAll(orphans, ORPHANED);
  }

  private async nodeExists(name: string): Promise<boolean> {
    try {
      await this.ctx.client.get(NODES, '', name);
      return true;
    } catch (err) {
      if (isNotFoundStatus(err)) return false;
      throw err;
    }
  }

  private async deleteAll(pods: readonly Readonly<PodObject>[], condition?: DisruptionCondition): Promise<void> {
    for (const pod of pods) {
      try {
        await this.markFailedAndDelete(pod, condition);
      } catch (err) {
        this.ctx.logger.error('Failed to delete pod', { pod: `${pod.metadata?.namespace}/${pod.metadata?.name}`, err: String(err) });
      }
    }
  }

  private async markFailedAndDelete(pod: Readonly<PodObject>, condition?: DisruptionCondition): Promise<void> {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    this.ctx.logger.info('PodGC is force deleting Pod', { pod: `${ns}/${name}` });
    try {
      if (!isPodTerminated(pod)) await this.ctx.client.patch(PODS, ns, name, 'strategic', this.failedPatch(condition), { subresource: 'status' });
      await this.ctx.client.delete(PODS, ns, name, { gracePeriodSeconds: 0 });
    } catch (err) {
      if (!isNotFoundStatus(err)) throw err;
    }
  }

  private failedPatch(condition?: DisruptionCondition): unknown {
    if (!condition) return { status: { phase: 'Failed' } };
    const lastTransitionTime = this.ctx.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True', ...condition, lastTransitionTime }] } };
  }

  run(signal: AbortSignal): Promise<void> {
    return runController(this.ctx, signal, [], [(s) => this.gcLoop(s)]);
  }

  private async gcLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.gc().catch((err: unknown) => this.ctx.logger.error('Pod GC pass failed', { err: String(err) }));
      await sleep(this.ctx.clock, this.opts.gcCheckPeriodMs ?? GC_CHECK_PERIOD_MS, signal);
    }
  }
}

export function newPodGCController(ctx: ControllerContext, opts?: PodGCOptions): PodGCController {
  return new PodGCController(ctx, opts);
}
