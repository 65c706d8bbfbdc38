/**
 * The fake RuntimeService of the hollow nodes: sandboxes and containers are records in maps, processes are timers
 * on the injected Clock (see behavior.ts for what a container does), the network is a /24 allocator. It costs a few
 * hundred bytes per container and no timer while a container simply runs, so 1,000 nodes × 100 pods fit in one
 * process. State changes are pushed to `subscribeContainerEvents` subscribers (the kubelet's evented PLEG).
 */
import type { Clock } from '../../../machinery/clock/clock.js';
import {
  ANNOTATION_INIT_CONTAINER,
  LABEL_POD_UID,
  RuntimeError,
  type Container,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerFilter,
  type ContainerStatus,
  type PodSandbox,
  type PodSandboxConfig,
  type PodSandboxFilter,
  type PodSandboxStatus,
  type RuntimeCondition,
  type RuntimeService,
  type VersionResponse,
} from '../interface.js';
import { containerBehavior, type ContainerBehavior } from './behavior.js';
import { imageRef, normalizeImage } from './images.js';
import { PodCIDRAllocator } from './ipam.js';

export interface FakeRuntimeOptions {
  clock: Clock;
  /** The node's pod CIDR (a.b.c.0/24). */
  podCIDR: string;
  /** How long a started container stays CREATED before RUNNING (default 0: running at once). */
  startDelayMs?: number;
}

interface SandboxRecord extends PodSandboxStatus {
  containers: Set<string>;
}

interface ContainerRecord extends ContainerStatus {
  behavior: ContainerBehavior;
  timer?: { cancel(): void };
  /** Resolvers of pending stopContainer calls. */
  waiters?: (() => void)[];
}

export const FAKE_RUNTIME_NAME = 'fake';
export const FAKE_RUNTIME_VERSION = '0.1';

export class FakeRuntime implements RuntimeService {
  private readonly sandboxes = new Map<string, SandboxRecord>();
  private readonly containers = new Map<string, ContainerRecord>();
  private readonly ipam: PodCIDRAllocator;
  private readonly handlers = new Set<(e: ContainerEvent) => void>();
  private nextId = 0;
  /** Ids are unique per node (the /24 in hex) and per runtime (a counter): `0af40300000000001c`. */
  private readonly idPrefix: string;

  constructor(private readonly opts: FakeRuntimeOptions) {
    this.ipam = new PodCIDRAllocator(opts.podCIDR);
    this.idPrefix = opts.podCIDR.split('.').slice(0, 3).map((o) => Number(o).toString(16).padStart(2, '0')).join('');
  }

  async version(): Promise<VersionResponse> {
    return { runtimeName: FAKE_RUNTIME_NAME, runtimeVersion: FAKE_RUNTIME_VERSION, runtimeApiVersion: 'v1' };
  }

  async status(): Promise<RuntimeCondition[]> {
    return [
      { type: 'RuntimeReady', status: true, reason: '', message: '' },
      { type: 'NetworkReady', status: true, reason: '', message: '' },
    ];
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = this.newId('s');
    const ip = this.ipam.allocate();
    this.sandboxes.set(id, {
      id,
      metadata: { ...config.metadata },
      state: 'SANDBOX_READY',
      createdAt: this.opts.clock.now().getTime(),
      labels: { ...config.labels },
      annotations: { ...config.annotations },
      network: { ip, additionalIps: [] },
      containers: new Set(),
    });
    return id;
  }

  async stopPodSandbox(id: string): Promise<void> {
    const s = this.sandboxes.get(id);
    if (!s) return;
    for (const cid of s.containers) this.exit(this.containers.get(cid)!, 137, 'Error', true);
    if (s.network.ip) this.ipam.release(s.network.ip);
    s.network = { ip: '', additionalIps: [] };
    s.state = 'SANDBOX_NOTREADY';
  }

  async removePodSandbox(id: string): Promise<void> {
    const s = this.sandboxes.get(id);
    if (!s) return;
    await this.stopPodSandbox(id);
    for (const cid of [...s.containers]) await this.removeContainer(cid);
    this.sandboxes.delete(id);
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    const s = this.sandbox(id);
    return { ...publicSandbox(s), network: { ip: s.network.ip, additionalIps: [...s.network.additionalIps] } };
  }

  async listPodSandbox(filter: PodSandboxFilter = {}): Promise<PodSandbox[]> {
    const out: PodSandbox[] = [];
    for (const s of this.sandboxes.values()) {
      if (filter.id !== undefined && s.id !== filter.id) continue;
      if (filter.state !== undefined && s.state !== filter.state) continue;
      if (filter.podUid !== undefined && s.metadata.uid !== filter.podUid) continue;
      out.push(publicSandbox(s));
    }
    return out;
  }

  async createContainer(podSandboxId: string, config: ContainerConfig): Promise<string> {
    const s = this.sandbox(podSandboxId);
    if (s.state !== 'SANDBOX_READY') throw new RuntimeError('Unknown', `sandbox ${podSandboxId} is not ready`);
    const id = this.newId('c');
    const isInit = config.annotations[ANNOTATION_INIT_CONTAINER] === 'true';
    const argv = [...config.command, ...config.args];
    const normalized = normalizeImage(config.image.image);
    this.containers.set(id, {
      id,
      podSandboxId,
      metadata: { ...config.metadata },
      image: { image: normalized },
      imageRef: imageRef(normalized),
      state: 'CONTAINER_CREATED',
      createdAt: this.opts.clock.now().getTime(),
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      reason: '',
      message: '',
      labels: { ...config.labels, [LABEL_POD_UID]: s.metadata.uid },
      annotations: { ...config.annotations },
      behavior: containerBehavior(s.annotations, config.metadata.name, isInit, argv, this.opts.startDelayMs ?? 0),
    });
    s.containers.add(id);
    this.emit(id, 'CONTAINER_CREATED_EVENT');
    return id;
  }

  async startContainer(id: string): Promise<void> {
    const c = this.container(id);
    if (c.state !== 'CONTAINER_CREATED' || c.timer) throw new RuntimeError('Unknown', `container ${id} is not in created state`);
    if (c.behavior.startDelayMs <= 0) this.run(c);
    else c.timer = this.opts.clock.setTimeout(() => this.run(c), c.behavior.startDelayMs);
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const c = this.containers.get(id);
    if (!c || c.state === 'CONTAINER_EXITED') return;
    if (c.state === 'CONTAINER_CREATED') return this.exit(c, 0, 'Completed', false);
    const graceMs = Math.max(0, timeoutSeconds) * 1000;
    if (c.behavior.terminationDelayMs <= 0) return this.exit(c, 0, 'Completed', false);
    const killed = c.behavior.terminationDelayMs >= graceMs;
    c.timer?.cancel();
    c.timer = this.opts.clock.setTimeout(
      () => this.exit(c, killed ? 137 : 0, killed ? 'Error' : 'Completed', false),
      Math.min(c.behavior.terminationDelayMs, graceMs),
    );
    return new Promise((resolve) => (c.waiters ??= []).push(resolve));
  }

  async removeContainer(id: string): Promise<void> {
    const c = this.containers.get(id);
    if (!c) return;
    if (c.state !== 'CONTAINER_EXITED') this.exit(c, 137, 'Error', true);
    this.containers.delete(id);
    this.sandboxes.get(c.podSandboxId)?.containers.delete(id);
    this.emit(id, 'CONTAINER_DELETED_EVENT', c.podSandboxId);
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    return publicStatus(this.container(id));
  }

  async listContainers(filter: ContainerFilter = {}): Promise<Container[]> {
    const ids = filter.podSandboxId !== undefined ? this.sandboxes.get(filter.podSandboxId)?.containers ?? [] : this.containers.keys();
    const out: Container[] = [];
    for (const id of ids) {
      const c = this.containers.get(id)!;
      if (filter.id !== undefined && c.id !== filter.id) continue;
      if (filter.state !== undefined && c.state !== filter.state) continue;
      if (filter.podUid !== undefined && c.labels[LABEL_POD_UID] !== filter.podUid) continue;
      out.push(publicStatus(c));
    }
    return out;
  }

  subscribeContainerEvents(handler: (e: ContainerEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Counts for tests and measurements. */
  stats(): { sandboxes: number; containers: number; ipsInUse: number } {
    return { sandboxes: this.sandboxes.size, containers: this.containers.size, ipsInUse: this.ipam.inUse };
  }

  private run(c: ContainerRecord): void {
    c.timer = undefined;
    c.state = 'CONTAINER_RUNNING';
    c.startedAt = this.opts.clock.now().getTime();
    const after = c.behavior.exitAfterMs;
    if (after !== undefined) {
      const code = c.behavior.exitCode;
      c.timer = this.opts.clock.setTimeout(() => this.exit(c, code, code === 0 ? 'Completed' : 'Error', false), after);
    }
    this.emit(c.id, 'CONTAINER_STARTED_EVENT');
  }

  private exit(c: ContainerRecord, exitCode: number, reason: string, quiet: boolean): void {
    if (c.state === 'CONTAINER_EXITED') return;
    c.timer?.cancel();
    c.timer = undefined;
    c.state = 'CONTAINER_EXITED';
    c.exitCode = exitCode;
    c.reason = reason;
    c.finishedAt = this.opts.clock.now().getTime();
    for (const w of c.waiters?.splice(0) ?? []) w();
    if (!quiet) this.emit(c.id, 'CONTAINER_STOPPED_EVENT');
  }

  private emit(containerId: string, type: ContainerEvent['type'], sandboxId?: string): void {
    if (this.handlers.size === 0) return;
    const s = this.sandboxes.get(sandboxId ?? this.containers.get(containerId)?.podSandboxId ?? '');
    if (!s) return;
    const e: ContainerEvent = { containerId, type, podSandboxMetadata: s.metadata, createdAt: this.opts.clock.now().getTime() };
    for (const h of this.handlers) h(e);
  }

  private sandbox(id: string): SandboxRecord {
    const s = this.sandboxes.get(id);
    if (!s) throw new RuntimeError('NotFound', `pod sandbox ${id} not found`);
    return s;
  }

  private container(id: string): ContainerRecord {
    const c = this.containers.get(id);
    if (!c) throw new RuntimeError('NotFound', `container ${id} not found`);
    return c;
  }

  private newId(kind: 's' | 'c'): string {
    return `${this.idPrefix}${kind === 's' ? '5a' : 'c0'}${(this.nextId++).toString(16).padStart(10, '0')}`;
  }
}

function publicSandbox(s: SandboxRecord): PodSandbox {
  return { id: s.id, metadata: s.metadata, state: s.state, createdAt: s.createdAt, labels: s.labels, annotations: s.annotations };
}

function publicStatus(c: ContainerRecord): ContainerStatus {
  const { behavior: _b, timer: _t, waiters: _w, ...status } = c;
  return status;
}
