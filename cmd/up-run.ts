/**
 * `k8ts up`, the run: data directory and pid file, certificates, control plane, HTTPS listener (behind the
 * control plane's ready gate), kubeconfig; then serve until SIGINT/SIGTERM and stop in reverse order.
 */
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { adminKubeconfig, serverURL } from '../src/client/kubeconfig/admin.js';
import { writeKubeconfig } from '../src/client/kubeconfig/file.js';
import { mergeIntoUserKubeconfig, userKubeconfigPath } from '../src/client/kubeconfig/user.js';
import { startSecureServer } from '../src/apiserver/server/https.js';
import type { Logger, LogFormat, LogLevel } from '../src/machinery/log/logger.js';
import { createLogger } from '../src/machinery/log/logger.js';
import { ensurePki, type Pki } from '../src/pki/bundle.js';
import { Checklist, formatDuration, wasReported } from './checklist.js';
import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane.js';
import { checkNodePrerequisites, defaultNodeIP, nodeName, startNode } from './node.js';
import { listenError } from './errors.js';
import { nodeAddresses } from './node-addresses.js';
import { acquirePidFile } from './pidfile.js';
import { dataPaths, defaultDataDir, tildify } from './paths.js';
import { CleanupStack, interruptible, onStopSignals, withTimeout } from './lifecycle.js';

export interface UpOptions {
  dataDir: string;
  port: number;
  bindAddress: string;
  datastore: 'sqlite' | 'etcd';
  etcd?: ControlPlaneOptions['etcd'];
  mergeKubeconfig: boolean;
  controllers?: boolean;
  scheduler?: boolean;
  hollowNodes?: number;
  /** The real node (kubelet + containerd) on this machine; undefined with --no-node. */
  node?: { name?: string; ip?: string; runtimeEndpoint?: string };
  logFormat: LogFormat;
  logLevel: LogLevel;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

interface Run {
  o: UpOptions;
  list: Checklist;
  logger: Logger;
  cleanup: CleanupStack;
  signal: AbortSignal;
}

/** Runs until stopped; resolves with the process exit code. */
export async function runUp(o: UpOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const list = new Checklist(out);
  const logger = createLogger({ format: o.logFormat, level: o.logLevel });
  const stop = onStopSignals();
  const run: Run = { o, list, logger, cleanup: new CleanupStack(logger), signal: stop.signal };
  try {
    const url = await start(run);
    printNext(run, url);
    await stop.stopped;
  } catch (err) {
    if (!wasReported(err)) list.line(stop.signal.aborted ? `✗ interrupted (${stop.reason()})` : `✗ ${(err as Error).message}`);
    await withTimeout(run.cleanup.unwind(), STOP_TIMEOUT_MS).catch(() => undefined);
    stop.dispose();
    return stop.signal.aborted ? 130 : 1;
  }
  list.line(`Stopping k8ts (${stop.reason()})…`);
  const started = performance.now();
  const clean = await withTimeout(run.cleanup.unwind(), STOP_TIMEOUT_MS).then(() => true, () => false);
  stop.dispose();
  list.line(clean ? `✓ stopped (${formatDuration(performance.now() - started)})` : `✗ shutdown did not finish within ${STOP_TIMEOUT_MS / 1000} s`);
  return clean ? 0 : 1;
}

async function start(run: Run): Promise<string> {
  const { o, list, cleanup, signal } = run;
  const paths = dataPaths(o.dataDir);
  // A node that cannot start fails `up` before anything runs (and says: root, apt-get …, or --no-node).
  if (o.node) {
    checkNodePrerequisites(o.node.runtimeEndpoint);
    nodeName(o.node.name, hostname());
    if (!o.node.ip) defaultNodeIP();
  }
  await list.step(`data directory ${tildify(o.dataDir)}`, async () => {
    await mkdir(o.dataDir, { recursive: true, mode: 0o700 });
    const pid = await acquirePidFile(paths.pidFile, o.dataDir);
    cleanup.push('pid file', () => pid.release());
  });
  signal.throwIfAborted();
  const pki = await list.step('certificates', async (ctx) => {
    const p = await ensurePki({ dir: paths.pki, hostname: hostname(), addresses: nodeAddresses(o.bindAddress) });
    ctx.title = `certificates ${tildify(p.dir)}: ${describePki(p)}`;
    return p;
  });
  signal.throwIfAborted();
  const cp = await startPlane(run, pki);
  signal.throwIfAborted();
  const url = await serve(run, pki, cp);
  signal.throwIfAborted();
  await writeKubeconfigs(run, pki, url);
  signal.throwIfAborted();
  if (o.node && cp.client) await startRealNode(run, cp, pki);
  return url;
}

/** The node joins once the API serves and the kubeconfig exists (kubectl works while images import). */
async function startRealNode(run: Run, cp: ControlPlane, pki: Pki): Promise<void> {
  const n = run.o.node!;
  await startNode(cp.client!, { dataDir: run.o.dataDir, name: nodeName(n.name, hostname()), ip: n.ip ?? defaultNodeIP(), pki, ...(n.runtimeEndpoint ? { runtimeEndpoint: n.runtimeEndpoint } : {}) }, run);
}

function describePki(p: Pki): string {
  if (p.generated.length === 0) return 'reused';
  const what = p.generated.map((g) => (g.reason === 'missing' ? g.part : `${g.part}: ${g.reason}`));
  return `generated ${what.join(', ')}`;
}

/** Control-plane steps already printed; those after it (components started once the API serves) follow the API step. */
let printedSteps = 0;

async function startPlane(run: Run, pki: Pki): Promise<ControlPlane> {
  const { o, list, logger, cleanup } = run;
  const t0 = performance.now();
  let cp: ControlPlane;
  const starting = startControlPlane({ dataDir: o.dataDir, datastore: o.datastore, etcd: o.etcd, logger, pki, controllers: o.controllers !== false, scheduler: o.scheduler !== false, hollowNodes: o.hollowNodes ?? 0 });
  try {
    cp = await interruptible(starting, run.signal);
  } catch (err) {
    if (run.signal.aborted) void starting.then((late) => late.stop()).catch(() => undefined); // stop a late start
    list.line(`✗ control plane: ${(err as Error).message}`);
    throw Object.assign(err as object, { reported: true });
  }
  cleanup.push('control plane', () => cp.stop());
  if (cp.steps?.length) for (const s of cp.steps) list.done(s.title, s.ms);
  else list.done(`control plane (datastore ${o.datastore})`, performance.now() - t0);
  printedSteps = cp.steps?.length ?? 0;
  return cp;
}

async function serve(run: Run, pki: Pki, cp: ControlPlane): Promise<string> {
  const { o, list, logger, cleanup } = run;
  return list.step(`API server on ${o.bindAddress}:${o.port}`, async (ctx) => {
    const server = await startSecureServer({
      host: o.bindAddress,
      port: o.port,
      tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: pki.ca.certPem },
      handler: cp.handler,
      ...(cp.onUpgrade ? { onUpgrade: cp.onUpgrade } : {}),
      logger: logger.child({ component: 'apiserver' }),
    }).catch((err: unknown) => Promise.reject(listenError(err, o.bindAddress, o.port)));
    cleanup.push('API server', () => server.close());
    await cp.listening?.({ host: o.bindAddress, port: server.address.port });
    const url = serverURL(o.bindAddress, server.address.port);
    ctx.title = `API server ${url}`;
    await interruptible(withTimeout(cp.ready(), READY_TIMEOUT_MS, 'control plane not ready; see the logs above'), run.signal);
    return url;
  }).then((url) => {
    for (const s of cp.steps?.slice(printedSteps) ?? []) list.done(s.title, s.ms);
    return url;
  });
}

async function writeKubeconfigs(run: Run, pki: Pki, url: string): Promise<void> {
  const { o, list } = run;
  await list.step('kubeconfig', async (ctx) => {
    const cfg = adminKubeconfig({ server: url, caPem: pki.ca.certPem, certPem: pki.admin.certPem, keyPem: pki.admin.keyPem });
    const own = dataPaths(o.dataDir).kubeconfig;
    await writeKubeconfig(own, cfg);
    ctx.title = `kubeconfig written ${tildify(own)}`;
    if (!o.mergeKubeconfig) return;
    const res = await mergeIntoUserKubeconfig(userKubeconfigPath(), cfg);
    const note = res.backup ? ` (backup ${tildify(res.backup)})` : res.changed ? '' : ' (unchanged)';
    ctx.title += `, context k8ts merged into ${tildify(res.path)}${note}`;
  });
}

function printNext(run: Run, url: string): void {
  const { o, list } = run;
  const kubectl = o.mergeKubeconfig ? 'kubectl' : `kubectl --kubeconfig ${tildify(dataPaths(o.dataDir).kubeconfig)}`;
  const down = o.dataDir === defaultDataDir() ? 'k8ts down' : `k8ts down --data-dir ${tildify(o.dataDir)}`;
  list.line('');
  list.line(`k8ts is running at ${url} (pid ${process.pid}). Try:`);
  list.line(`  ${kubectl} get nodes`);
  list.line(`  ${kubectl} get ns`);
  list.line(`Stop it with Ctrl-C or \`${down}\`.`);
}
