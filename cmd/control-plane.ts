/**
 * The seam between `k8ts up` and the control plane. `up` prepares the data directory and the PKI, calls
 * startControlPlane once, serves its handler on the HTTPS listener (authentication is already done: `user` is the
 * authenticated caller, or undefined for an anonymous request to /livez, /readyz, /healthz or /version), tells it
 * the address it listens on, waits for ready(), and at shutdown closes the listener (which ends watch streams)
 * before it calls stop().
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { mkdir } from 'node:fs/promises';
import { setMaxListeners } from 'node:events';
import type { UserInfo } from '../src/apiserver/authn/types.js';
import type { Logger } from '../src/machinery/log/logger.js';
import type { Pki } from '../src/pki/bundle.js';
import type { Store } from '../src/storage/interface.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import { openEtcdStore } from '../src/storage/etcd/etcd-store.js';
import { startCompactor } from '../src/storage/compactor.js';
import { createApiServer } from '../src/registry/apiserver.js';
import { writeStatusToSocket } from '../src/apiserver/server/respond.js';
import { newServiceUnavailable } from '../src/machinery/errors/status.js';
import { STRATEGIES } from '../src/registry/strategies.js';
import { startLoopbackServer, type LoopbackServer } from '../src/apiserver/server/loopback.js';
import type { Client } from '../src/client/interface.js';
import { RestClient } from '../src/client/rest/client.js';
import { unixSocketTransport } from '../src/client/rest/unix-transport.js';
import { nodeAddresses } from './node-addresses.js';
import { runControllerManager } from '../src/controller/manager.js';
import { DiagnosisStore, runScheduler } from '../src/scheduler/index.js';
import { explainEndpoint } from './explain-schedule.js';
import { IN_TREE_REGISTRY } from '../src/scheduler/plugins/registry.js';
import type { HollowCluster } from '../src/kubelet/hollow/cluster.js';
import { startHollowNodes } from './hollow.js';

export interface ControlPlaneOptions {
  /** Absolute; exists (mode 0700) and is locked by this process's pid file. */
  dataDir: string;
  datastore: 'sqlite' | 'etcd';
  /** ca/cert/key are PEM contents. */
  etcd?: { endpoints: string[]; ca?: string; cert?: string; key?: string };
  logger: Logger;
  /** Run the controller manager (default true). */
  controllers?: boolean;
  /** Run the scheduler (default true). */
  scheduler?: boolean;
  /** Hollow nodes (kubelets on the fake runtime) to run in this process (default 0). */
  hollowNodes?: number;
  /** The cluster PKI (CA, serving and admin pairs as PEM), for components that need it. */
  pki?: Pki;
}

/** One finished step of the control plane's start, printed by `up` as `✓ <title> (<ms> ms)`. */
export interface ControlPlaneStep {
  title: string;
  ms: number;
}

export interface ControlPlane {
  handler: (req: IncomingMessage, res: ServerResponse, user: UserInfo | undefined) => void | Promise<void>;
  onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer, user: UserInfo | undefined) => void | Promise<void>;
  /** Told once where the API server listens (the port is known only then when `--port 0`). */
  listening?(address: { host: string; port: number }): Promise<void>;
  /** Resolves once the control plane serves requests (the store is open and the bootstrap objects exist). */
  ready(): Promise<void>;
  /** Stops every component and closes the store. Called once, after the listener has closed. */
  stop(): Promise<void>;
  steps?: ControlPlaneStep[];
  /** The in-process client over the loopback socket (`<dataDir>/run/apiserver.sock`); usable once ready() resolves. */
  client?: Client;
}

async function openStore(opts: ControlPlaneOptions): Promise<{ store: Store; title: string }> {
  if (opts.datastore === 'etcd') {
    if (!opts.etcd?.endpoints.length) throw new Error('--datastore etcd needs --etcd-endpoints (e.g. http://127.0.0.1:2379)');
    const tls = opts.etcd.ca || opts.etcd.cert ? { ca: opts.etcd.ca, cert: opts.etcd.cert, key: opts.etcd.key } : undefined;
    const store = await openEtcdStore({ endpoints: opts.etcd.endpoints, ...(tls ? { tls } : {}) });
    return { store, title: `datastore etcd (${opts.etcd.endpoints.join(', ')})` };
  }
  const dir = join(opts.dataDir, 'db');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'state.db');
  return { store: openSqliteStore({ path }), title: `datastore sqlite (${path})` };
}

/** The address other components reach the API server at: the first non-loopback IPv4 of this machine. */
function advertiseAddress(bind: string): string {
  const v4 = nodeAddresses(bind).filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a) && !a.startsWith('127.'));
  return v4[0] ?? '127.0.0.1';
}

export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const log = opts.logger.child({ component: 'apiserver' });
  const steps: ControlPlaneStep[] = [];
  let t = performance.now();
  const { store, title } = await openStore(opts);
  steps.push({ title, ms: performance.now() - t });
  const compactor = startCompactor(store, {
    onError: (err: unknown) => log.warn('compaction failed', { err: String(err) }),
  });
  let bootstrapped: Promise<void> | undefined;
  let wired: ReturnType<typeof createApiServer> | undefined;
  let loopback: LoopbackServer | undefined;
  const managerStop = new AbortController();
  // Every informer, worker and hollow kubelet listens on this one signal.
  setMaxListeners(0, managerStop.signal);
  let manager: Promise<void> | undefined;
  let scheduler: Promise<void> | undefined;
  let hollow: HollowCluster | undefined;
  const socketPath = join(opts.dataDir, 'run', 'apiserver.sock');
  const loopbackTransport = unixSocketTransport(socketPath);
  const client = new RestClient(loopbackTransport);
  // The in-process components' metrics, served on the API server's /metrics (there is no other port in `up`).
  const componentMetrics = new Registry();
  // "Why is my pod Pending": the in-process scheduler's last verdicts, read by `k8ts explain-schedule`.
  const diagnoses = new DiagnosisStore();
  t = performance.now();
  return {
    handler: (req, res, user) => {
      if (!wired) {
        res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the API server is starting', reason: 'ServiceUnavailable', code: 503 }));
        return;
      }
      wired.server.handle(req, res, user);
    },
    onUpgrade: (req, socket, head, user) => {
      if (!wired) return writeStatusToSocket(socket, newServiceUnavailable('the API server is starting').status);
      return wired.server.handleUpgrade(req, socket, head, user);
    },
    async listening(address) {
      wired = createApiServer({
        store,
        strategies: STRATEGIES,
        endpoint: { host: advertiseAddress(address.host), port: address.port, clusterIP: '10.96.0.1' },
        extraMetrics: [componentMetrics],
        debugEndpoints: { scheduler: (rest) => explainEndpoint(diagnoses, rest) },
        // pods/log|exec|attach|portforward reach the pod's kubelet with the API server's kubelet client pair.
        ...(opts.pki ? { kubeletClient: { ca: opts.pki.ca.certPem, cert: opts.pki.apiserverKubeletClient.certPem, key: opts.pki.apiserverKubeletClient.keyPem } } : {}),
        onRequest: (e) => {
          if (e.error) log.error('request failed', { method: e.method, path: e.path, code: e.code, err: String((e.error as Error)?.stack ?? e.error) });
          else log.debug('request', { method: e.method, path: e.path, code: e.code, ms: Math.round(e.ms), user: e.user });
        },
      });
      await mkdir(join(opts.dataDir, 'run'), { recursive: true, mode: 0o700 });
      loopback = await startLoopbackServer({ socketPath, handler: wired.server.handle });
      bootstrapped = wired.bootstrap();
      await bootstrapped;
      if (opts.controllers !== false) {
        steps.push({ title: 'controller manager (leader election on kube-system/kube-controller-manager)', ms: 0 });
        const cmLog = opts.logger.child({ component: 'controller-manager' });
        manager = runControllerManager({ client, logger: cmLog, registry: componentMetrics }, managerStop.signal).catch((err: unknown) =>
          cmLog.error('controller manager failed', { err: String(err) }),
        );
      }
      if (opts.scheduler !== false) {
        steps.push({ title: 'scheduler default-scheduler (leader election on kube-system/kube-scheduler)', ms: 0 });
        const sLog = opts.logger.child({ component: 'scheduler' });
        scheduler = runScheduler({ client, logger: sLog, registry: IN_TREE_REGISTRY, metricsRegistry: componentMetrics, diagnoses }, managerStop.signal).catch(
          (err: unknown) => sLog.error('scheduler failed', { err: String(err) }),
        );
      }
      if (opts.hollowNodes) {
        const hLog = opts.logger.child({ component: 'hollow-kubelet' });
        const t0 = performance.now();
        hollow = await startHollowNodes(client, opts.hollowNodes, hLog, managerStop.signal);
        steps.push({ title: `${opts.hollowNodes} hollow node(s) registered (fake runtime)`, ms: performance.now() - t0 });
      }
    },
    ready: async () => {
      await bootstrapped;
    },
    stop: async () => {
      managerStop.abort();
      hollow?.stop();
      await Promise.all([manager, scheduler]);
      loopbackTransport.close();
      await loopback?.close();
      compactor.stop();
      await store.close();
      log.info('control plane stopped');
    },
    steps,
    client,
  };
}
