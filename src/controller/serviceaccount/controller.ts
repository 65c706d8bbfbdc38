/**
 * The serviceaccount controller (upstream's ServiceAccountsController): every Active namespace has the `default`
 * ServiceAccount; it is created when a namespace appears and recreated when it is deleted. Keys are namespace
 * names; a ServiceAccount's deletion queues its namespace.
 */
import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1.js';
import { keyOf, type Informer } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { NAMESPACES, SERVICE_ACCOUNTS } from '../../client/resources.js';
import { isAlreadyExistsStatus, isForbiddenStatus, isNotFoundStatus } from '../../machinery/errors/status.js';
import { newControllerQueue, runController, type Controller, type ControllerContext } from '../framework/index.js';

type NamespaceObject = Namespace;
type ServiceAccountObject = ServiceAccount;

/** The accounts every namespace gets (upstream's default ServiceAccountsControllerOptions). */
export const DEFAULT_SERVICE_ACCOUNTS: readonly string[] = ['default'];

export interface ServiceAccountControllerOptions {
  names?: readonly string[];
  /** Upstream runs one worker. */
  workers?: number;
  queue?: WorkQueue;
}

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';
  readonly queue: WorkQueue;
  private readonly namespaces: Informer<NamespaceObject>;
  private readonly accounts: Informer<ServiceAccountObject>;
  private readonly names: readonly string[];

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: ServiceAccountControllerOptions = {},
  ) {
    this.queue = opts.queue ?? newControllerQueue(ctx, 'serviceaccount');
    this.names = opts.names ?? DEFAULT_SERVICE_ACCOUNTS;
    this.namespaces = ctx.informers.informerFor<NamespaceObject>(NAMESPACES);
    this.accounts = ctx.informers.informerFor<ServiceAccountObject>(SERVICE_ACCOUNTS);
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.queue.add(keyOf(ns)),
      onUpdate: (_old, cur) => this.queue.add(keyOf(cur)),
    });
    this.accounts.addEventHandler({
      onDelete: (sa) => {
        if (this.names.includes(sa.metadata?.name ?? '')) this.queue.add(sa.metadata?.namespace ?? '');
      },
    });
  }

  async sync(namespace: string): Promise<void> {
    const ns = this.namespaces.lister.get('', namespace);
    // Nothing is created in a namespace that is going away (the API server would refuse it anyway).
    if (!ns || ns.metadata?.deletionTimestamp || (ns.status?.phase ?? 'Active') !== 'Active') return;
    for (const name of this.names) {
      if (this.accounts.lister.get(namespace, name)) continue;
      await this.create(namespace, name);
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [
      { queue: this.queue, workers: this.opts.workers ?? 1, sync: (k) => this.sync(k), errorMessage: 'Error syncing namespace', logKey: 'namespace' },
    ]);
  }

  private async create(namespace: string, name: string): Promise<void> {
    const sa: ServiceAccountObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
    try {
      await this.ctx.client.create(SERVICE_ACCOUNTS, namespace, sa);
    } catch (err) {
      // Already there (our cache lags), or the namespace started terminating / vanished meanwhile.
      if (isAlreadyExistsStatus(err) || isNotFoundStatus(err) || isForbiddenStatus(err)) return;
      throw err;
    }
  }
}

export function newServiceAccountController(ctx: ControllerContext, opts: ServiceAccountControllerOptions = {}): ServiceAccountController {
  return new ServiceAccountController(ctx, opts);
}
