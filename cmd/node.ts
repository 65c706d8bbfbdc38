/**
 * The real node of `k8ts up`, started once the API serves: preflight (root, binaries), the host network
 * (unreachable routes for the cluster CIDRs, recorded for reset), the CNI conflist, a containerd of its own
 * under `<data-dir>/containerd` (or an existing CRI endpoint), the pause image and the preload folder, then the
 * kubelet on the CRI client. Each part pushes its own cleanup, so `up` stops them in reverse: kubelet first, then
 * containerd (containers keep running, as after a kubelet restart; `k8ts reset` removes them).
 */
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { setMaxListeners } from 'node:events';
import type { Client } from '../src/client/interface.js';
import { createSharedInformerFactory } from '../src/client/informer/factory.js';
import { NODES, PODS } from '../src/client/resources.js';
import { realClock } from '../src/machinery/clock/clock.js';
import type { Logger } from '../src/machinery/log/logger.js';
import { createEventRecorder } from '../src/client/record/index.js';
import { Kubelet } from '../src/kubelet/kubelet.js';
import { ClientConfigSource } from '../src/kubelet/pod/config/client-source.js';
import { DEFAULT_KUBELET_PORT } from '../src/kubelet/server/server.js';
import { startNodeKubeletServer } from '../src/kubelet/server/node-server.js';
import { KubeletVolumes } from '../src/kubelet/volume/kubelet-volumes.js';
import type { Pki } from '../src/pki/bundle.js';
import { realNodeFacts } from '../src/kubelet/nodestatus/machine.js';
import { prepareHostNetwork } from '../src/kubelet/node/host-network.js';
import { informerPodSource } from '../src/kubelet/podsource/informer.js';
import { CriClient } from '../src/kubelet/runtime/cri/client.js';
import { CNI_BRIDGE, writeCniConfig } from '../src/kubelet/runtime/containerd/cni.js';
import { startContainerd } from '../src/kubelet/runtime/containerd/launcher.js';
import { ensurePauseImage, importPreloadDir } from '../src/kubelet/runtime/containerd/preload.js';
import { nodePreflight } from '../src/kubelet/runtime/containerd/preflight.js';
import type { NodeObject, PodObject } from '../src/kubelet/types.js';
import type { Checklist } from './checklist.js';
import { CliError } from './errors.js';
import type { CleanupStack } from './lifecycle.js';
import { dataPaths, tildify } from './paths.js';

export const CLUSTER_POD_CIDR = '10.244.0.0/16';
export const SERVICE_CIDR = '10.96.0.0/12';
/** The first (only) node's share of the pod CIDR. */
export const NODE_POD_CIDR = '10.244.0.0/24';

export interface NodeOptions {
  dataDir: string;
  name: string;
  /** The node's InternalIP. */
  ip: string;
  /** Use this CRI instead of starting containerd (`unix:///…`). */
  runtimeEndpoint?: string;
  podCIDR?: string;
  /** The cluster PKI: its CA issues the kubelet's serving certificate and verifies the API server's client pair. */
  pki: Pki;
}

/** The cluster DNS Service's address and the cluster domain, as pods' resolv.conf gets them (issue 6 serves them). */
export const CLUSTER_DNS = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

interface NodeRun {
  list: Checklist;
  cleanup: CleanupStack;
  logger: Logger;
  signal: AbortSignal;
}

/** The first non-internal IPv4 address of the machine (inside a network namespace: that namespace's). */
export function defaultNodeIP(ifaces = networkInterfaces()): string {
  for (const list of Object.values(ifaces)) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  throw new CliError('this machine has no non-loopback IPv4 address for the node; pass --node-ip, or --no-node');
}

/** Throws what the machine lacks for a node (root, binaries), before anything starts. */
export function checkNodePrerequisites(runtimeEndpoint: string | undefined): void {
  const problems = nodePreflight({ uid: process.getuid?.() ?? -1, ownRuntime: !runtimeEndpoint });
  if (problems.length) throw new CliError(`cannot start the node: ${problems.join('; ')}`);
}

/** A DNS-1123 subdomain (length aside), as a Node name must be. */
export const isValidNodeName = (name: string): boolean => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) && name.length <= 253;

/** The node's name: --node-name, else the hostname lowercased (which must then be a valid node name). */
export function nodeName(flag: string | undefined, host: string): string {
  const name = (flag ?? host).toLowerCase();
  if (!isValidNodeName(name)) throw new CliError(`the hostname ${host} is not a valid node name; pass --node-name`);
  return name;
}

/** Starts the node (prerequisites checked); resolves once its Node object is registered. */
export async function startNode(client: Client, o: NodeOptions, run: NodeRun): Promise<void> {
  const podCIDR = o.podCIDR ?? NODE_POD_CIDR;
  await run.list.step('host network', async (ctx) => {
    const added = await prepareHostNetwork({ stateFile: dataPaths(o.dataDir).hostNetwork, bridge: CNI_BRIDGE, unreachable: [CLUSTER_POD_CIDR, SERVICE_CIDR] });
    ctx.title = `host network: unreachable ${CLUSTER_POD_CIDR}, ${SERVICE_CIDR}${added.length ? ` (added ${added.join(', ')})` : ' (present)'}`;
  });
  const cri = o.runtimeEndpoint ? await existingRuntime(o.runtimeEndpoint, run) : await ownContainerd(o, podCIDR, run);
  await startKubelet(client, cri, { ...o, podCIDR }, run);
}

async function existingRuntime(endpoint: string, run: NodeRun): Promise<CriClient> {
  return run.list.step(`container runtime ${endpoint}`, async (ctx) => {
    const cri = new CriClient({ endpoint });
    run.cleanup.push('CRI client', async () => cri.close());
    const v = await cri.version();
    ctx.title = `container runtime ${v.runtimeName} ${v.runtimeVersion} (${endpoint}); its images and CNI are its own`;
    return cri;
  });
}

async function ownContainerd(o: NodeOptions, podCIDR: string, run: NodeRun): Promise<CriClient> {
  const paths = dataPaths(o.dataDir);
  const containerd = await run.list.step('containerd', async (ctx) => {
    const c = await startContainerd({ dir: paths.containerd });
    run.cleanup.push('containerd', () => c.stop());
    writeCniConfig(c.layout, podCIDR);
    const orphan = c.replacedOrphan ? `; replaced containerd pid ${c.replacedOrphan} left by an earlier k8ts` : '';
    ctx.title = `containerd ${c.version.runtimeVersion} (pid ${c.pid}, ${tildify(c.layout.dir)}), CNI bridge ${CNI_BRIDGE} ${podCIDR}${orphan}`;
    return c;
  });
  const cri = new CriClient({ endpoint: containerd.endpoint, requestTimeoutMs: 60_000 });
  run.cleanup.push('CRI client', async () => cri.close());
  await run.list.step('images', async (ctx) => {
    mkdirSync(paths.images, { recursive: true, mode: 0o700 });
    const preloaded = await importPreloadDir(paths.images, containerd.layout.socket);
    const pause = await ensurePauseImage(cri, containerd.layout.socket, containerd.layout.dir);
    ctx.title = `images: pause${pause.built ? ' (built from busybox)' : ''}, ${preloaded.length} preloaded from ${tildify(paths.images)}`;
  });
  return cri;
}

async function startKubelet(client: Client, cri: CriClient, o: NodeOptions & { podCIDR: string }, run: NodeRun): Promise<void> {
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  run.cleanup.push('kubelet', async () => stop.abort());
  const logger = run.logger.child({ component: 'kubelet' });
  await run.list.step(`node ${o.name}`, async (ctx) => {
    const informers = createSharedInformerFactory(client, { clock: realClock, logger });
    const podSource = informerPodSource(informers.informerFor<PodObject>(PODS, { fieldSelector: `spec.nodeName=${o.name}` }));
    const nodes = informers.informerFor<NodeObject>(NODES);
    informers.start(stop.signal);
    const paths = dataPaths(o.dataDir);
    // The kubelet API (logs, exec, attach, port-forward) on the node's address; the API server finds its port in
    // the Node's status.daemonEndpoints.
    const server = await startNodeKubeletServer({ ca: o.pki.ca, nodeName: o.name, addresses: [o.ip], host: o.ip, port: DEFAULT_KUBELET_PORT, runtime: cri, logger });
    run.cleanup.push('kubelet server', () => server.close());
    const machine = realNodeFacts({ rootDir: o.dataDir });
    const kubelet = new Kubelet({
      client,
      clock: realClock,
      nodeName: o.name,
      runtime: cri,
      images: cri,
      podSource,
      nodeLister: (name) => nodes.lister.get('', name),
      node: { ...machine, hostname: o.name, podCIDR: o.podCIDR, internalIP: o.ip, kubeletPort: server.port },
      logger,
      recorder: createEventRecorder({ client, clock: realClock, component: 'kubelet', host: o.name, logger }),
      configSource: new ClientConfigSource(client),
      clusterDNS: [CLUSTER_DNS],
      clusterDomain: CLUSTER_DOMAIN,
      resolvConf: '/etc/resolv.conf',
      podLogsDir: paths.podLogs,
      podsDir: paths.pods,
      volumes: new KubeletVolumes({ podsDir: paths.pods, client, nodeAllocatable: machine.allocatable ?? machine.capacity ?? {} }),
    });
    await kubelet.start(AbortSignal.any([stop.signal, run.signal]));
    ctx.title = `node ${o.name} registered (${o.ip}, podCIDR ${o.podCIDR})`;
  });
}
