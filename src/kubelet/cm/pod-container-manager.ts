/**
 * The pod-level cgroups of the cgroupfs driver (upstream's qosContainerManager + podContainerManager, with
 * --cgroups-per-qos): a root cgroup (default `k8ts-kubepods`, not `kubepods`, so it cannot collide with a kubelet of
 * another distribution on the same host; two k8ts nodes on one host need different roots), its `burstable` and
 * `besteffort` children, and one `pod<uid>` per pod — under the root for Guaranteed pods, under the QoS child
 * otherwise. The CRI cgroupParent handed to the runtime is that path with a leading slash
 * (`/k8ts-kubepods/burstable/pod<uid>`); runc creates the containers' cgroups beneath it.
 *
 * Contracts:
 * - `start()` before anything else: creates the QoS tree (BestEffort cpu.shares 2, as upstream).
 * - `ensure(pod)` before RunPodSandbox: creates the pod's cgroup in every hierarchy with its pod-level limits
 *   (pod-resources.ts) and returns the cgroupParent. Idempotent.
 * - `remove(uid)` after the pod's containers and sandbox are gone: true once no directory is left; false while a
 *   process is still inside (the caller retries later — `runCleanup` does so every housekeeping period).
 * - `sweep(isActive)` removes the cgroups of every pod that is not active (orphans of a previous run, pods deleted
 *   since). Operations on one uid are serialized, and `isActive` is asked right before a removal, so a pod that
 *   becomes active while a sweep runs keeps its cgroup.
 * - The burstable cgroup's cpu.shares follow the sum of the Burstable pods' cpu requests this manager has ensured
 *   (upstream's qos container manager; its periodic refresh becomes a refresh on every ensure/remove).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podQOSClass } from '../../api/core/v1/qos.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import { runEvery } from '../loop.js';
import { milliCPUToShares } from '../pod/config/resources.js';
import { ensureCgroup, listChildren, removeCgroup, writeResources } from './cgroupfs.js';
import { detectCgroupLayout, type CgroupLayout } from './hierarchy.js';
import { MIN_SHARES, podAmount, podCgroupResources, type QOSClass } from './pod-resources.js';

export const DEFAULT_CGROUP_ROOT = 'k8ts-kubepods';
const QOS_DIRS: Record<Exclude<QOSClass, 'Guaranteed'>, string> = { Burstable: 'burstable', BestEffort: 'besteffort' };

export interface PodContainerManagerOptions {
  /** Name of the root cgroup, one path segment (default `k8ts-kubepods`). */
  root?: string;
  /** Only the cgroupfs driver exists (containerd runs runc with SystemdCgroup=false). */
  driver?: 'cgroupfs';
  /** The mounted hierarchies; default: detected from /proc/self/mountinfo. Tests point it at their own tree. */
  layout?: CgroupLayout;
  /** upstream --pod-max-pids; absent or ≤ 0 = unlimited. */
  podPidsLimit?: number;
  /**
   * Node allocatable enforced on the root (upstream --enforce-node-allocatable=pods): cpu.shares from cpuMilli and
   * the memory limit. Absent: the root is not limited.
   */
  nodeAllocatable?: { cpuMilli?: number; memoryBytes?: number };
  logger?: Logger;
}

/**
 * The seam the pod syncer needs (hollow nodes have none). containerd derives a container's cgroup from the sandbox
 * config passed with CreateContainer as well as RunPodSandbox, so every PodSandboxConfig the kubelet builds for a
 * pod must carry the same cgroupParent: `ensure` before a new sandbox, `cgroupParent` (pure) otherwise.
 */
export interface PodCgroups {
  ensure(pod: Readonly<Pod>): Promise<string>;
  cgroupParent(pod: Readonly<Pod>): string;
  remove(uid: string): Promise<boolean>;
}

interface Tracked {
  qos: QOSClass;
  cpuRequestMilli: number;
}

export class PodContainerManager implements PodCgroups {
  readonly root: string;
  private readonly layout: CgroupLayout;
  private readonly logger: Logger;
  private readonly tracked = new Map<string, Tracked>();
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly o: PodContainerManagerOptions = {}) {
    this.root = o.root ?? DEFAULT_CGROUP_ROOT;
    if (!/^[A-Za-z0-9_.-]+$/.test(this.root)) throw new Error(`cgroup root must be one path segment, got ${JSON.stringify(this.root)}`);
    if ((o.driver ?? 'cgroupfs') !== 'cgroupfs') throw new Error(`unsupported cgroup driver ${String(o.driver)}`);
    this.layout = o.layout ?? detectCgroupLayout();
    this.logger = o.logger ?? nopLogger;
  }

  get cgroupVersion(): 1 | 2 {
    return this.layout.version;
  }

  async start(): Promise<void> {
    await ensureCgroup(this.layout, this.root);
    const a = this.o.nodeAllocatable;
    await writeResources(this.layout, this.root, {
      ...(a?.cpuMilli ? { cpuShares: milliCPUToShares(a.cpuMilli) } : {}),
      ...(a?.memoryBytes ? { memoryLimitBytes: a.memoryBytes } : {}),
    });
    for (const dir of Object.values(QOS_DIRS)) await ensureCgroup(this.layout, `${this.root}/${dir}`);
    await writeResources(this.layout, `${this.root}/besteffort`, { cpuShares: MIN_SHARES });
    await this.updateBurstableShares();
  }

  /** The cgroup path of a pod relative to the hierarchies' roots (no leading slash). */
  podPath(pod: Readonly<Pod>): string {
    const qos = podQOSClass(pod.spec);
    const uid = pod.metadata?.uid ?? '';
    return qos === 'Guaranteed' ? `${this.root}/pod${uid}` : `${this.root}/${QOS_DIRS[qos]}/pod${uid}`;
  }

  /** The CRI LinuxPodSandboxConfig.cgroupParent for the cgroupfs driver. */
  cgroupParent(pod: Readonly<Pod>): string {
    return `/${this.podPath(pod)}`;
  }

  async ensure(pod: Readonly<Pod>): Promise<string> {
    const uid = pod.metadata?.uid;
    if (!uid) throw new Error('pod has no uid');
    return this.serial(uid, async () => {
      const path = this.podPath(pod);
      await ensureCgroup(this.layout, path);
      await writeResources(this.layout, path, podCgroupResources(pod, this.o.podPidsLimit));
      this.tracked.set(uid, { qos: podQOSClass(pod.spec), cpuRequestMilli: podAmount(pod, 'cpu', 'requests') });
      await this.updateBurstableShares();
      return `/${path}`;
    });
  }

  /** Removes the pod's cgroups wherever they are (its QoS class is not needed); false while processes remain. */
  async remove(uid: string): Promise<boolean> {
    return this.serial(uid, () => this.removeNow(uid));
  }

  /** Removes the cgroups of pods that are not active; resolves with the uids whose cgroups are still busy. */
  async sweep(isActive: ReadonlySet<string> | ((uid: string) => boolean)): Promise<string[]> {
    const active = typeof isActive === 'function' ? isActive : (uid: string) => isActive.has(uid);
    const busy: string[] = [];
    for (const uid of await this.podUids()) {
      const gone = await this.serial(uid, async () => active(uid) || (await this.removeNow(uid)));
      if (!gone) busy.push(uid);
    }
    return busy;
  }

  /** Sweeps every `periodMs` (upstream's housekeeping calls cleanupOrphanedPodCgroups every 2 s). */
  runCleanup(clock: Clock, signal: AbortSignal, isActive: (uid: string) => boolean, periodMs = 2000): void {
    runEvery(clock, periodMs, signal, async () => {
      try {
        await this.sweep(isActive);
      } catch (e) {
        this.logger.warn('Failed to clean up orphaned pod cgroups', { err: String(e) });
      }
    });
  }

  private async removeNow(uid: string): Promise<boolean> {
    const paths = [`${this.root}/pod${uid}`, ...Object.values(QOS_DIRS).map((d) => `${this.root}/${d}/pod${uid}`)];
    const busy: string[] = [];
    for (const p of paths) busy.push(...(await removeCgroup(this.layout, p)).busy);
    if (busy.length > 0) {
      this.logger.info('Pod cgroup still has processes, will retry removal', { podUID: uid, busy: busy.length });
      return false;
    }
    if (this.tracked.delete(uid)) await this.updateBurstableShares();
    return true;
  }

  /** The uids of every pod cgroup under the root and the QoS children. */
  private async podUids(): Promise<string[]> {
    const names = [
      ...(await listChildren(this.layout, this.root)),
      ...(await listChildren(this.layout, `${this.root}/burstable`)),
      ...(await listChildren(this.layout, `${this.root}/besteffort`)),
    ];
    return [...new Set(names.filter((n) => n.startsWith('pod')).map((n) => n.slice(3)))];
  }

  private async updateBurstableShares(): Promise<void> {
    let milli = 0;
    for (const t of this.tracked.values()) if (t.qos === 'Burstable') milli += t.cpuRequestMilli;
    await writeResources(this.layout, `${this.root}/burstable`, { cpuShares: milliCPUToShares(milli) });
  }

  /** Runs `fn` after every earlier operation on `uid` settled. */
  private serial<T>(uid: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(uid) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.then(() => undefined, () => undefined);
    this.chains.set(uid, settled);
    void settled.then(() => this.chains.get(uid) === settled && this.chains.delete(uid));
    return next;
  }
}
