/**
 * Phase C of bench:pods: the same pods, at the same rate, straight through the CRI on the containerd of `k8ts up`
 * (its socket is a file, so this process reaches it from outside the network namespace; the CNI plugins run inside,
 * in containerd). Per pod, what the kubelet does for a new pod, without the API, the scheduler, the informers, the
 * pod worker and the status write:
 *
 *   log directory → RunPodSandbox (CNI: bridge + host-local + portmap, network namespace POD) → PodSandboxStatus
 *   (the pod IP) → the managed /etc/hosts → CreateContainer → StartContainer
 *
 * with the configurations the kubelet builds (buildSandboxConfig, buildContainerConfig: labels io.kubernetes.pod.*,
 * DNS, hostname, log directory and path, the hosts mount, resources). Latency = first call → StartContainer returned.
 * The kubelet ignores these sandboxes (no pod of theirs is in the API; its PLEG only kicks pods it tracks). Every
 * sandbox made here is stopped and removed (and its files), and none labelled with our namespace may remain.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { buildContainerConfig } from '../../src/kubelet/pod/config/container-config.js';
import { parseResolvConf, type DNSSettings } from '../../src/kubelet/pod/config/dns.js';
import { podHostname } from '../../src/kubelet/pod/config/hostname.js';
import { managedHostsFile } from '../../src/kubelet/pod/config/hosts-file.js';
import { buildSandboxConfig } from '../../src/kubelet/pod/config/sandbox-config.js';
import { ensureDir, removePodFiles, writeHostsFile } from '../../src/kubelet/pod/files.js';
import { LABEL_POD_NAMESPACE } from '../../src/kubelet/runtime/interface.js';
import type { CriClient } from '../../src/kubelet/runtime/cri/client.js';
import { benchPod, CRI_NAMESPACE, podName } from './spec.js';
import { now } from './protocol.js';

export interface RawNode {
  podCIDR: string;
  nodeIP: string;
  clusterDNS: string;
  clusterDomain: string;
  podLogsDir: string;
  podsDir: string;
  allocatable: Readonly<Record<string, string>>;
  memoryCapacity: number;
}

export interface RawPod {
  name: string;
  uid: string;
  sentAt: number;
  sandboxId?: string;
  /** ms of each step; total = first call → StartContainer returned. */
  run?: number;
  status?: number;
  create?: number;
  start?: number;
  total?: number;
  error?: string;
}

export interface RawResult {
  pods: RawPod[];
  /** First sequence started → last StartContainer returned. */
  windowMs: number;
  failed: number;
  firstError?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function onePod(cri: CriClient, node: RawNode, dns: DNSSettings, p: RawPod): Promise<void> {
  const pod: Pod = benchPod(CRI_NAMESPACE, p.name, p.uid);
  const t0 = now();
  const sandbox = buildSandboxConfig(pod, 0, { dns, podCIDR: node.podCIDR, podLogsDir: node.podLogsDir });
  await ensureDir(sandbox.logDirectory!);
  const id = await cri.runPodSandbox(sandbox);
  p.sandboxId = id;
  const t1 = now();
  const st = await cri.podSandboxStatus(id);
  const ips = st.network.ip ? [st.network.ip, ...st.network.additionalIps] : [];
  const t2 = now();
  const h = podHostname(pod, node.clusterDomain);
  const hostsFile = await writeHostsFile(node.podsDir, p.uid, managedHostsFile(ips, h.hostname, h.domain));
  const c = pod.spec!.containers[0]!;
  const config = await buildContainerConfig(pod, c, {
    env: { hostIPs: [node.nodeIP], podIPs: ips, serviceEnv: new Map(), allocatable: node.allocatable },
    attempt: 0,
    init: false,
    logs: true,
    hostsFile,
    memoryCapacity: node.memoryCapacity,
  });
  await ensureDir(join(sandbox.logDirectory!, c.name));
  const cid = await cri.createContainer(id, config, sandbox);
  const t3 = now();
  await cri.startContainer(cid);
  const t4 = now();
  Object.assign(p, { run: t1 - t0, status: t2 - t1, create: t3 - t2, start: t4 - t3, total: t4 - t0 });
}

/** `count` pods at `rate`/s, each sequence started on its own schedule (t0 + i/rate), whatever the others do. */
export async function runRawPods(cri: CriClient, node: RawNode, count: number, rate: number, progress: (m: string) => void): Promise<RawResult> {
  const dns: DNSSettings = {
    clusterDNS: [node.clusterDNS],
    clusterDomain: node.clusterDomain,
    hostDNS: parseResolvConf(readFileSync('/etc/resolv.conf', 'utf8')),
  };
  const pods: RawPod[] = [];
  const runs: Promise<void>[] = [];
  const intervalMs = 1000 / rate;
  const t0 = now() + 20;
  for (let i = 0; i < count; i++) {
    const due = t0 + i * intervalMs;
    const wait = due - now();
    if (wait > 1) await sleep(wait - 1);
    while (now() < due) await new Promise((r) => setImmediate(r));
    const p: RawPod = { name: podName(i), uid: randomUUID(), sentAt: now() };
    pods.push(p);
    runs.push(onePod(cri, node, dns, p).catch((e: unknown) => void (p.error = errText(e))));
    if ((i + 1) % Math.max(1, Math.round(rate * 5)) === 0) progress(`raw CRI: ${i + 1}/${count} started, ${pods.filter((x) => x.total !== undefined).length} running`);
  }
  await Promise.all(runs);
  const ends = pods.filter((p) => p.total !== undefined).map((p) => p.sentAt + p.total!);
  const failed = pods.filter((p) => p.error !== undefined);
  return { pods, windowMs: Math.max(0, ...ends) - t0, failed: failed.length, ...(failed[0] ? { firstError: failed[0].error } : {}) };
}

/**
 * Stops and removes every sandbox of `pods` (4 in flight) and the files written for them, then any sandbox still
 * labelled with our namespace (a sequence that failed after RunPodSandbox answered late); returns the time it took
 * and how many were left (0 expected).
 */
export async function removeRawPods(cri: CriClient, node: RawNode, pods: readonly RawPod[]): Promise<{ ms: number; left: number }> {
  const t0 = now();
  const removeOne = async (id: string) => {
    await cri.stopPodSandbox(id);
    await cri.removePodSandbox(id);
  };
  const queue = [...pods];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        if (p.sandboxId) await removeOne(p.sandboxId).catch(() => undefined);
        await removePodFiles(p.uid, { podsDir: node.podsDir, podLogsDir: node.podLogsDir }).catch(() => undefined);
      }
    }),
  );
  const ours = async () => (await cri.listPodSandbox()).filter((s) => s.labels[LABEL_POD_NAMESPACE] === CRI_NAMESPACE);
  for (const s of await ours()) await removeOne(s.id).catch(() => undefined);
  return { ms: now() - t0, left: (await ours()).length };
}
