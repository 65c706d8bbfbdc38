/**
 * The disruption controller (upstream's disruption.DisruptionController): keeps every PodDisruptionBudget's status —
 * expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods, observedGeneration and the
 * DisruptionAllowed condition — which the eviction subresource consults. Keys are budgets; a pod's change queues
 * the budgets whose selector matches it. When the expected count cannot be computed (a managed pod whose controller
 * is unknown), the budget fails safe: disruptionsAllowed 0, DisruptionAllowed False with reason SyncFailed.
 * Not modelled: controllers other than the built-in ones through the scale subresource, the stale
 * DisruptionTarget-condition queue.
 */
import { keyOf, splitKey, type Informer, type Lister } from '../../client/informer/interface.js';
import { DEPLOYMENTS, PDBS, PODS, REPLICA_SETS, REPLICATION_CONTROLLERS, STATEFUL_SETS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { labelSelectorAsSelector } from '../../machinery/labels/index.js';
import { newControllerQueue, runController, type Controller, type ControllerContext, type SyncResult } from '../framework/index.js';
import { expectedPods, type Expected, type ScaleListers } from './expected.js';
import { countHealthy, desiredPdbStatus, disruptedPods, setCondition, statusUpToDate } from './status.js';
import { DISRUPTION_ALLOWED_CONDITION, REASON_SYNC_FAILED, type PdbObject, type PodObject, type ScaleOwner } from './types.js';

export interface DisruptionOptions {
  workers?: number;
  queue?: WorkQueue;
}

export class DisruptionController implements Controller {
  readonly name = 'disruption';
  readonly queue: WorkQueue;
  private readonly pdbs: Informer<PdbObject>;
  private readonly pods: Lister<PodObject>;
  private readonly scales: ScaleListers;

  constructor(private readonly ctx: ControllerContext, private readonly opts: DisruptionOptions = {}) {
    this.queue = opts.queue ?? newControllerQueue(ctx, 'disruption');
    this.pdbs = ctx.informers.informerFor<PdbObject>(PDBS);
    const pods = ctx.informers.informerFor<PodObject>(PODS);
    this.pods = pods.lister;
    const lister = (r: typeof DEPLOYMENTS): Lister<ScaleOwner> => ctx.informers.informerFor<ScaleOwner>(r).lister;
    this.scales = {
      deployments: lister(DEPLOYMENTS),
      replicaSets: lister(REPLICA_SETS),
      replicationControllers: lister(REPLICATION_CONTROLLERS),
      statefulSets: lister(STATEFUL_SETS),
    };
    const add = (p: Readonly<PdbObject>): void => this.queue.add(keyOf(p));
    this.pdbs.addEventHandler({ onAdd: add, onUpdate: (_, cur) => add(cur) });
    const onPod = (p: Readonly<PodObject>): void => this.queuePdbsOf(p);
    pods.addEventHandler({ onAdd: onPod, onUpdate: (_, cur) => onPod(cur), onDelete: onPod });
  }

  private queuePdbsOf(pod: Readonly<PodObject>): void {
    for (const pdb of this.pdbs.lister.list(pod.metadata?.namespace ?? '')) {
      if (selectorMatches(pdb, pod)) this.queue.add(keyOf(pdb));
    }
  }

  async sync(key: string): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const pdb = this.pdbs.lister.get(namespace, name);
    if (!pdb) return undefined;
    try {
      return await this.trySync(pdb);
    } catch (err) {
      if (isNotFoundStatus(err)) return undefined;
      await this.failSafe(pdb, err);
      throw err;
    }
  }

  private async trySync(pdb: Readonly<PdbObject>): Promise<SyncResult> {
    const pods = this.pods.list(pdb.metadata?.namespace ?? '').filter((p) => selectorMatches(pdb, p));
    if (pods.length === 0) this.ctx.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let e: Expected;
    try {
      e = expectedPods(pdb, this.scales, pods);
    } catch (err) {
      this.ctx.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${(err as Error).message}`);
      throw err;
    }
    if (e.unmanagedPods.length > 0) this.ctx.recorder.event(pdb, 'Normal', 'UnmanagedPods', unmanagedMessage(pdb));
    const now = this.ctx.clock.now().getTime();
    const disrupted = disruptedPods(pdb, pods, now);
    const status = desiredPdbStatus(pdb, e, countHealthy(pods, disrupted.pods), disrupted.pods, now);
    if (!statusUpToDate(pdb.status, status)) await this.writeStatus(pdb, status);
    return disrupted.recheckMs === undefined ? undefined : { requeueAfter: Math.max(0, disrupted.recheckMs - now) };
  }

  private async failSafe(pdb: Readonly<PdbObject>, err: unknown): Promise<void> {
    const now = this.ctx.clock.now().getTime();
    const cond = { type: DISRUPTION_ALLOWED_CONDITION, status: 'False', reason: REASON_SYNC_FAILED, message: (err as Error).message ?? String(err), observedGeneration: Number(pdb.status?.observedGeneration ?? 0) };
    const status = { ...structuredClone(pdb.status), disruptionsAllowed: 0, conditions: setCondition(pdb.status?.conditions ?? [], cond, now) };
    await this.writeStatus(pdb, status as NonNullable<PdbObject['status']>).catch(() => undefined);
  }

  private async writeStatus(pdb: Readonly<PdbObject>, status: NonNullable<PdbObject['status']>): Promise<void> {
    await this.ctx.client.update<PdbObject>(PDBS, pdb.metadata?.namespace ?? '', { ...structuredClone(pdb), status }, { subresource: 'status' });
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [
      { queue: this.queue, workers: this.opts.workers ?? 1, sync: (k) => this.sync(k), errorMessage: 'Error syncing PodDisruptionBudget', logKey: 'pdb' },
    ]);
  }
}

/** policy/v1: a null selector matches nothing, an empty one every pod of the namespace; an invalid one nothing. */
function selectorMatches(pdb: Readonly<PdbObject>, pod: Readonly<PodObject>): boolean {
  try {
    return labelSelectorAsSelector(pdb.spec?.selector).matches(pod.metadata?.labels);
  } catch {
    return false;
  }
}

const unmanagedMessage = (pdb: Readonly<PdbObject>): string =>
  `Pods selected by this PodDisruptionBudget (selector: ${labelSelectorAsSelector(pdb.spec?.selector).toString()}) were found to be unmanaged. ` +
  'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
  'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.';

export function newDisruptionController(ctx: ControllerContext, opts?: DisruptionOptions): DisruptionController {
  return new DisruptionController(ctx, opts);
}
