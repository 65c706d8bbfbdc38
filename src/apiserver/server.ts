/**
 * The API server's request handler: non-resource paths (version, health, metrics, discovery, OpenAPI) and
 * resource requests through the generic registry. Transport (TLS, authentication) is in `server/`; this
 * handler receives the authenticated user.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { realClock, type Clock } from '../machinery/clock/clock.js';
import { newInternalError, StatusError, type Status } from '../machinery/errors/status.js';
import type { Store } from '../storage/interface.js';
import { AdmissionChain } from './admission/interface.js';
import { dispatchResource } from './handlers/dispatch.js';
import type { HandlerServices, ResourceRequest, SubresourceHandler, UpgradeSubresourceHandler } from './handlers/types.js';
import { writeStatusToSocket } from './server/respond.js';
import { dryRunParam } from './handlers/decode.js';
import { serveHealth, type HealthCheck } from './health.js';
import type { Registry } from 'prom-client';
import { ApiMetrics } from './metrics/metrics.js';
import { GenericRegistry } from './registry/generic/registry.js';
import { resourcePrefix } from './registry/generic/codec.js';
import type { ResourceDefinition } from './registry/resource.js';
import { parseRequestInfo, type RequestInfo } from './request/request-info.js';
import { writeError, writeJson } from './response/write.js';
import { serveDiscovery } from './discovery/serve.js';
import { groupDefinitions, type GroupVersions } from './discovery/resources.js';
import { versionInfo } from './version.js';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

export interface OpenApiService {
  handle(path: string, query: URLSearchParams, headers: IncomingMessage['headers']):
    | { status: number; headers: Record<string, string>; body: string | Buffer }
    | undefined;
}

export interface ApiServerOptions {
  store: Store;
  definitions: ResourceDefinition[];
  clock?: Clock;
  admission?: AdmissionChain;
  subresources?: Map<string, SubresourceHandler>;
  /** Handlers of upgrade requests (exec, attach, portforward), keyed `<group>/<resource>/<subresource>`. */
  upgradeSubresources?: Map<string, UpgradeSubresourceHandler>;
  openapi?: OpenApiService;
  /** host:port clients reach this server at (legacy discovery's serverAddressByClientCIDRs). */
  serverAddress?: string;
  healthChecks?: HealthCheck[];
  /**
   * Registries of components running in this process (controller manager, scheduler, kubelets of `k8ts up`):
   * /metrics serves them after the API server's own, as an all-in-one server does (k3s).
   */
  extraMetrics?: readonly Registry[];
  /**
   * Read-only debug endpoints of in-process components under `/debug/k8ts/<name>/…` (e.g. the scheduler's
   * "why is this pod Pending"): given the rest of the path, a JSON-able answer, or undefined for 404.
   */
  debugEndpoints?: Readonly<Record<string, (rest: string) => unknown>>;
  /** Called once per request with its outcome (for logs). */
  onRequest?: (e: { method: string; path: string; code: number; ms: number; user?: string; error?: unknown }) => void;
}

export class ApiServer {
  readonly registries = new Map<string, GenericRegistry>();
  readonly metrics: ApiMetrics;
  readonly admission: AdmissionChain;
  readonly clock: Clock;
  private readonly groups: GroupVersions[];
  private readonly services: HandlerServices;
  private readonly checks: HealthCheck[];

  constructor(private readonly opts: ApiServerOptions) {
    this.clock = opts.clock ?? realClock;
    this.admission = opts.admission ?? new AdmissionChain();
    for (const def of opts.definitions) {
      const reg = new GenericRegistry(def, { store: opts.store, clock: this.clock, admission: this.admission });
      this.registries.set(regKey(def.info.group, def.info.version, def.info.resource), reg);
    }
    this.groups = groupDefinitions(opts.definitions);
    this.services = { clock: this.clock, registryFor: (g, r) => this.registryFor(g, r) };
    this.checks = [{ name: 'ping', check: async () => {} }, { name: 'etcd', check: async () => void (await opts.store.currentRevision()) }, ...(opts.healthChecks ?? [])];
    this.metrics = new ApiMetrics(() => this.countObjects());
  }

  /** The registry of a resource in its (only) served version. */
  registryFor(group: string, resource: string): GenericRegistry | undefined {
    for (const reg of this.registries.values()) if (reg.info.group === group && reg.info.resource === resource) return reg;
    return undefined;
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse, user?: UserInfo): void => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
    const kind = ['get', 'list', 'watch'].includes(info.verb) ? 'readOnly' : 'mutating';
    this.metrics.inflight.inc({ request_kind: kind });
    let failure: unknown;
    this.route(req, res, url, info, user)
      .catch((err) => {
        failure = err;
        writeError(res, err);
      })
      .finally(() => {
        this.metrics.inflight.dec({ request_kind: kind });
        this.record(req, res, info, started, user, failure);
      });
  };

  private record(req: IncomingMessage, res: ServerResponse, info: RequestInfo, started: number, user: UserInfo | undefined, error: unknown) {
    const ms = performance.now() - started;
    const labels = {
      verb: info.verb.toUpperCase(),
      dry_run: '',
      group: info.apiGroup,
      version: info.apiVersion,
      resource: info.resource,
      subresource: info.subresource,
      scope: !info.isResourceRequest ? '' : info.name ? 'resource' : info.namespace ? 'namespace' : 'cluster',
      component: 'apiserver',
    };
    this.metrics.requests.inc({ ...labels, code: String(res.statusCode) });
    if (info.verb !== 'watch') this.metrics.duration.observe(labels, ms / 1000);
    this.opts.onRequest?.({ method: req.method ?? '', path: req.url ?? '', code: res.statusCode, ms, ...(user ? { user: user.username } : {}), ...(error && !(error instanceof StatusError && error.code < 500) ? { error } : {}) });
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo, user?: UserInfo): Promise<void> {
    if (info.isResourceRequest) return this.resource(req, res, url, info, user);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/version') return writeJson(res, 200, versionInfo());
    const health = /^\/(livez|readyz|healthz)(?:\/(.+))?$/.exec(path);
    if (health) {
      return serveHealth(res, health[1] as 'livez', this.checks, health[2] ?? '', url.searchParams.has('verbose'), url.searchParams.getAll('exclude'));
    }
    if (path === '/metrics') {
      const texts = await Promise.all([this.metrics.registry, ...(this.opts.extraMetrics ?? [])].map((r) => r.metrics()));
      const text = texts.filter(Boolean).join('\n');
      res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType }).end(text);
      return;
    }
    if (path.startsWith('/openapi') || path.startsWith('/swagger')) {
      const out = this.opts.openapi?.handle(path, url.searchParams, req.headers);
      if (out) {
        res.writeHead(out.status, out.headers).end(out.body);
        return;
      }
    }
    const debug = /^\/debug\/k8ts\/([^/]+)\/(.*)$/.exec(path);
    const endpoint = debug && req.method === 'GET' ? this.opts.debugEndpoints?.[debug[1]!] : undefined;
    if (endpoint) {
      const answer = endpoint(decodeURIComponent(debug![2]!));
      if (answer === undefined) throw notFoundPath();
      return writeJson(res, 200, answer);
    }
    if (serveDiscovery(req, res, path, this.groups, this.opts.serverAddress ?? '127.0.0.1:6443')) return;
    throw notFoundPath();
  }

  private async resource(req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo, user?: UserInfo): Promise<void> {
    const registry = this.registries.get(regKey(info.apiGroup, info.apiVersion, info.resource));
    if (!registry) throw notFoundPath();
    if (info.name && registry.info.namespaced && !info.namespace) throw notFoundPath();
    if (info.namespace && !registry.info.namespaced) throw notFoundPath();
    const r: ResourceRequest = {
      req,
      res,
      info,
      query: url.searchParams,
      registry,
      ctx: { dryRun: dryRunParam(url.searchParams), ...(user ? { user } : {}), ...(url.searchParams.get('fieldManager') ? { fieldManager: url.searchParams.get('fieldManager')! } : {}) },
      services: this.services,
    };
    await dispatchResource(r, this.opts.subresources ?? new Map());
  }

  /**
   * Upgrade requests (the HTTPS listener's onUpgrade): routed to the subresource's upgrade handler, which owns the
   * socket from then on. Anything else is answered with a Status and the socket closed.
   */
  readonly handleUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer, user?: UserInfo): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
    try {
      const registry = info.isResourceRequest ? this.registries.get(regKey(info.apiGroup, info.apiVersion, info.resource)) : undefined;
      const handler = registry && info.subresource ? this.opts.upgradeSubresources?.get(`${registry.info.group}/${registry.info.resource}/${info.subresource}`) : undefined;
      if (!registry || !handler || (registry.info.namespaced && !info.namespace)) throw notFoundPath();
      const ctx = { dryRun: false, ...(user ? { user } : {}) };
      await handler({ req, socket, head, info, query: url.searchParams, registry, ctx, services: this.services });
    } catch (err) {
      const status = err instanceof StatusError ? err.status : newInternalError(err).status;
      if (!socket.destroyed) writeStatusToSocket(socket, status);
      if (status.code >= 500) this.opts.onRequest?.({ method: req.method ?? '', path: req.url ?? '', code: status.code, ms: 0, ...(user ? { user: user.username } : {}), error: err });
    }
  };

  private async countObjects(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const reg of this.registries.values()) {
      const name = reg.info.group ? `${reg.info.resource}.${reg.info.group}` : reg.info.resource;
      out.set(name, await this.opts.store.count(resourcePrefix(reg.info)));
    }
    return out;
  }
}

const regKey = (group: string, version: string, resource: string): string => `${group}/${version}/${resource}`;

function notFoundPath(): StatusError {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 };
  return new StatusError(s);
}

