/**
 * The node Lease (upstream's component-helpers/apimachinery/lease controller): `kube-node-lease/<node>` with
 * holderIdentity = the node name and leaseDurationSeconds 40, renewed every 10 s (a quarter of the duration).
 * The kubelet keeps the Lease it last wrote and PUTs from it; a conflict or a missing Lease makes it GET or
 * create again. Failed renewals retry at 200 ms doubling to 7 s before the next regular renewal.
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { catalogEntry } from '../../api/catalog.js';
import type { Client, ResourceRef } from '../../client/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import type { Logger } from '../../machinery/log/logger.js';
import { retry, runEvery } from '../loop.js';

type LeaseObject = Lease;

export const LEASES: ResourceRef = catalogEntry('coordination.k8s.io', 'leases')!;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export interface LeaseControllerOptions {
  client: Client;
  clock: Clock;
  nodeName: string;
  leaseDurationSeconds: number;
  logger: Logger;
  /** The Node's uid, for the Lease's ownerReference (as upstream, set once the Node exists). */
  nodeUid?: () => string | undefined;
}

/** MicroTime as the API writes it: `2026-01-01T00:00:10.000000Z`. */
export const microTime = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

export class LeaseController {
  private latest?: LeaseObject;

  constructor(private readonly o: LeaseControllerOptions) {}

  get renewIntervalMs(): number {
    return (this.o.leaseDurationSeconds * 1000) / 4;
  }

  start(signal: AbortSignal): void {
    void this.renewWithRetry(signal);
    runEvery(this.o.clock, this.renewIntervalMs, signal, () => this.renewWithRetry(signal));
  }

  private async renewWithRetry(signal: AbortSignal): Promise<void> {
    await retry(this.o.clock, signal, () => this.renew(), (e) => {
      this.latest = undefined;
      this.o.logger.warn('Failed to update lease', { node: this.o.nodeName, err: String(e) });
    }, 200, 7000);
  }

  /** One renewal; exported for tests. */
  async renew(): Promise<void> {
    if (!this.latest) {
      const got = await this.getOrCreate();
      if (this.fresh(got)) return;
    }
    this.latest = await this.o.client.update<LeaseObject>(LEASES, NODE_LEASE_NAMESPACE, this.renewed(this.latest!));
  }

  private async getOrCreate(): Promise<LeaseObject> {
    const { client, nodeName } = this.o;
    try {
      return (this.latest = await client.get<LeaseObject>(LEASES, NODE_LEASE_NAMESPACE, nodeName));
    } catch (e) {
      if (!isNotFoundStatus(e)) throw e;
      const lease = this.renewed({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: nodeName, namespace: NODE_LEASE_NAMESPACE } });
      return (this.latest = await client.create<LeaseObject>(LEASES, NODE_LEASE_NAMESPACE, lease));
    }
  }

  /** A Lease created just now needs no immediate renewal. */
  private fresh(l: Lease): boolean {
    return l.spec?.renewTime === microTime(this.o.clock.now());
  }

  private renewed(base: Lease): LeaseObject {
    const l = structuredClone(base) as LeaseObject;
    l.spec = { ...l.spec, holderIdentity: this.o.nodeName, leaseDurationSeconds: this.o.leaseDurationSeconds, renewTime: microTime(this.o.clock.now()) };
    const uid = this.o.nodeUid?.();
    if (uid && !l.metadata?.ownerReferences?.length) {
      l.metadata = { ...l.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.o.nodeName, uid }] };
    }
    return l;
  }
}
