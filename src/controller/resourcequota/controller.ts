/**
 * The resource quota controller (upstream's resourcequota.Controller, status only — admission enforces later):
 * keeps each ResourceQuota's status.hard equal to spec.hard and status.used equal to the namespace's usage.
 * Keys are quotas; a quota's change, an object of a tracked resource appearing or going (a pod changing phase,
 * resources or deletion; any change of a service or claim) queues the quotas of its namespace, and every quota is
 * queued again each resync period (5 minutes). Status is written only when it changes.
 */
import type { KubeObject } from '../../client/interface.js';
import { keyOf, splitKey, type Informer, type Lister } from '../../client/informer/interface.js';
import { sleep } from '../../client/leaderelection/sleep.js';
import { RESOURCE_QUOTAS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { newControllerQueue, runController, type Controller, type ControllerContext } from '../framework/index.js';
import { TRACKED, type PodObject, type QuotaObject } from './types.js';
import { desiredStatus, namespaceUsage, sameResources } from './usage.js';

export const QUOTA_RESYNC_PERIOD_MS = 5 * 60_000;

export interface ResourceQuotaOptions {
  resyncPeriodMs?: number;
  /** Upstream's --concurrent-resource-quota-syncs default is 5. */
  workers?: number;
  queue?: WorkQueue;
}

/** The parts of a pod that change what it uses. */
const podFingerprint = (p: Readonly<PodObject>): string =>
  JSON.stringify([p.status?.phase, p.metadata?.deletionTimestamp, p.spec?.containers?.map((c) => c.resources), p.spec?.initContainers?.map((c) => c.resources)]);

export class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota';
  readonly queue: WorkQueue;
  private readonly quotas: Informer<QuotaObject>;
  private readonly listers = new Map<string, Lister<KubeObject>>();

  constructor(private readonly ctx: ControllerContext, private readonly opts: ResourceQuotaOptions = {}) {
    this.queue = opts.queue ?? newControllerQueue(ctx, 'resourcequota_primary');
    this.quotas = ctx.informers.informerFor<QuotaObject>(RESOURCE_QUOTAS);
    this.quotas.addEventHandler({
      onAdd: (q) => this.queue.add(keyOf(q)),
      onUpdate: (old, cur) => {
        if (!sameResources(old.spec?.hard ?? {}, cur.spec?.hard ?? {}) || !sameResources(cur.status?.hard, cur.spec?.hard ?? {}) || old === cur) this.queue.add(keyOf(cur));
      },
    });
    for (const t of TRACKED) this.track(t.ref.resource, ctx.informers.informerFor<KubeObject>(t.ref));
  }

  private track(resource: string, informer: Informer<KubeObject>): void {
    this.listers.set(resource, informer.lister);
    const touch = (o: Readonly<KubeObject>): void => this.queueNamespace(o.metadata?.namespace ?? '');
    const changed = (old: Readonly<KubeObject>, cur: Readonly<KubeObject>): boolean => {
      if (resource === 'pods') return podFingerprint(old as PodObject) !== podFingerprint(cur as PodObject);
      return resource === 'services' || resource === 'persistentvolumeclaims' ? old.metadata?.resourceVersion !== cur.metadata?.resourceVersion : false;
    };
    informer.addEventHandler({ onAdd: touch, onDelete: touch, onUpdate: (old, cur) => changed(old, cur) && touch(cur) });
  }

  private queueNamespace(namespace: string): void {
    for (const q of this.quotas.lister.list(namespace)) this.queue.add(keyOf(q));
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const quota = this.quotas.lister.get(namespace, name);
    if (!quota) return;
    const lister = (resource: string): Lister<KubeObject> => this.listers.get(resource)!;
    const status = desiredStatus(quota, namespaceUsage(quota, lister, this.ctx.clock.now().getTime()));
    if (sameResources(quota.status?.hard, status.hard) && sameResources(quota.status?.used, status.used)) return;
    const next: QuotaObject = { ...structuredClone(quota), status };
    try {
      await this.ctx.client.update(RESOURCE_QUOTAS, namespace, next, { subresource: 'status' });
    } catch (err) {
      if (!isNotFoundStatus(err)) throw err;
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    const workers = { queue: this.queue, workers: this.opts.workers ?? 5, sync: (k: string) => this.sync(k) };
    await runController(this.ctx, signal, [{ ...workers, errorMessage: 'Error syncing resource quota', logKey: 'quota' }], [(s) => this.resyncLoop(s)]);
  }

  private async resyncLoop(signal: AbortSignal): Promise<void> {
    const period = this.opts.resyncPeriodMs ?? QUOTA_RESYNC_PERIOD_MS;
    for (await sleep(this.ctx.clock, period, signal); !signal.aborted; await sleep(this.ctx.clock, period, signal)) {
      for (const q of this.quotas.lister.list()) this.queue.add(keyOf(q));
    }
  }
}

export function newResourceQuotaController(ctx: ControllerContext, opts?: ResourceQuotaOptions): ResourceQuotaController {
  return new ResourceQuotaController(ctx, opts);
}
