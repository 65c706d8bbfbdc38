/**
 * The API server with every served resource wired: registries over one Store, the admission chain
 * (NamespaceLifecycle), OpenAPI, subresources, and the bootstrap objects. Used by `k8ts up` and by the
 * integration tests (which run it on an in-memory SQLite store).
 */
import type { Clock } from '../machinery/clock/clock.js';
import type { Store } from '../storage/interface.js';
import { ApiServer, type ApiServerOptions } from '../apiserver/server.js';
import { createOpenApiService } from '../apiserver/openapi/index.js';
import { versionInfo } from '../apiserver/version.js';
import { decodeObject } from '../apiserver/registry/generic/codec.js';
import { bootstrap, type ApiEndpoint } from './bootstrap.js';
import { CATALOG } from '../api/catalog.js';
import { buildDefinitions, subresourceHandlers, upgradeSubresourceHandlers, type StrategySet } from './definitions.js';
import type { KubeletClientConfig } from './core/pod/kubelet-connection.js';
import { namespaceLifecycle } from './core/namespace/lifecycle.js';
import { priorityAdmission } from './core/pod/priority-admission.js';
import { listObjects } from '../apiserver/registry/generic/list.js';
import type { ServiceRanges } from './core/service/hooks.js';

export interface ControlPlaneApiOptions {
  store: Store;
  strategies: Readonly<Record<string, StrategySet>>;
  endpoint: ApiEndpoint;
  clock?: Clock;
  serviceRanges?: ServiceRanges;
  onRequest?: ApiServerOptions['onRequest'];
  extraMetrics?: ApiServerOptions['extraMetrics'];
  debugEndpoints?: ApiServerOptions['debugEndpoints'];
  /**
   * How to reach kubelets for pods/log, exec, attach and portforward: the cluster CA and the pki's
   * apiserverKubeletClient pair. Without it those subresources answer 503. Upgrades (exec, attach, portforward)
   * arrive through `server.handleUpgrade`, which the HTTPS listener's onUpgrade must call.
   */
  kubeletClient?: KubeletClientConfig;
}

export interface WiredApiServer {
  server: ApiServer;
  /** Creates the system namespaces and `default/kubernetes`; idempotent. */
  bootstrap(): Promise<void>;
}

export function createApiServer(opts: ControlPlaneApiOptions): WiredApiServer {
  let bootstrapped = false;
  const definitions = buildDefinitions({ store: opts.store, strategies: opts.strategies, ...(opts.serviceRanges ? { serviceRanges: opts.serviceRanges } : {}) });
  const server = new ApiServer({
    store: opts.store,
    definitions,
    ...(opts.clock ? { clock: opts.clock } : {}),
    subresources: subresourceHandlers(opts.kubeletClient),
    upgradeSubresources: upgradeSubresourceHandlers(opts.kubeletClient),
    openapi: createOpenApiService(CATALOG, { version: versionInfo().gitVersion }),
    serverAddress: `${opts.endpoint.host}:${opts.endpoint.port}`,
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    ...(opts.extraMetrics ? { extraMetrics: opts.extraMetrics } : {}),
    ...(opts.debugEndpoints ? { debugEndpoints: opts.debugEndpoints } : {}),
    healthChecks: [
      {
        name: 'poststarthook/bootstrap-controller',
        readyOnly: true,
        check: async () => {
          if (!bootstrapped) throw new Error('the system namespaces and default/kubernetes are not there yet');
        },
      },
    ],
  });
  const priorityClasses = server.registryFor('scheduling.k8s.io', 'priorityclasses')!;
  server.admission.add(
    priorityAdmission({
      get: async (name) => {
        const sv = await priorityClasses.read('', name);
        return sv ? decodeObject(sv) : undefined;
      },
      list: async () => (await listObjects(priorityClasses, '', {})).items,
    }),
  );
  const namespaces = server.registryFor('', 'namespaces')!;
  server.admission.add(
    namespaceLifecycle(async (name) => {
      const sv = await namespaces.read('', name);
      return sv ? decodeObject(sv) : undefined;
    }),
  );
  return {
    server,
    bootstrap: async () => {
      await bootstrap(server, opts.endpoint);
      bootstrapped = true;
    },
  };
}
