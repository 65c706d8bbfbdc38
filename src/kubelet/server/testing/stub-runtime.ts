/**
 * For tests of the kubelet server: a runtime that knows only what the server asks (containers with labels, their
 * state and log paths, sandboxes, stream URLs). Tests add containers and flip their state directly.
 */
import {
  LABEL_CONTAINER_NAME,
  LABEL_POD_NAME,
  LABEL_POD_NAMESPACE,
  LABEL_POD_UID,
  RuntimeError,
  type AttachRequest,
  type Container,
  type ContainerState,
  type ContainerStatus,
  type ExecRequest,
  type PodSandbox,
} from '../../runtime/interface.js';
import type { KubeletServerRuntime } from '../containers.js';

export interface StubContainer {
  namespace: string;
  pod: string;
  container: string;
  uid?: string;
  state?: ContainerState;
  logPath?: string;
  createdAt?: number;
}

export class StubRuntime implements KubeletServerRuntime {
  readonly statuses = new Map<string, ContainerStatus>();
  readonly sandboxes: PodSandbox[] = [];
  /** What exec/attach/portForward were asked, in order. */
  readonly streamRequests: Array<ExecRequest | AttachRequest | { podSandboxId: string; ports: number[] }> = [];
  /** containerStatus calls per container id (a following log reader asks while it waits). */
  readonly statusCalls = new Map<string, number>();
  /** The URL exec/attach/portForward answer with. */
  streamUrl = 'http://127.0.0.1:1/unset';
  private seq = 0;

  add(c: StubContainer): ContainerStatus {
    const id = `c${++this.seq}`;
    const labels = { [LABEL_POD_NAMESPACE]: c.namespace, [LABEL_POD_NAME]: c.pod, [LABEL_POD_UID]: c.uid ?? `${c.namespace}-${c.pod}`, [LABEL_CONTAINER_NAME]: c.container };
    const st: ContainerStatus = {
      id,
      podSandboxId: `s-${c.namespace}-${c.pod}`,
      metadata: { name: c.container, attempt: 0 },
      image: { image: 'docker.io/local/busybox:latest' },
      imageRef: 'sha256:0',
      state: c.state ?? 'CONTAINER_RUNNING',
      createdAt: c.createdAt ?? this.seq,
      labels,
      annotations: {},
      startedAt: 0,
      finishedAt: 0,
      exitCode: 0,
      reason: '',
      message: '',
      ...(c.logPath ? { logPath: c.logPath } : {}),
    };
    this.statuses.set(id, st);
    if (!this.sandboxes.some((s) => s.id === st.podSandboxId)) {
      const { [LABEL_CONTAINER_NAME]: _, ...podLabels } = labels;
      this.sandboxes.push({ id: st.podSandboxId, metadata: { name: c.pod, namespace: c.namespace, uid: labels[LABEL_POD_UID]!, attempt: 0 }, state: 'SANDBOX_READY', createdAt: st.createdAt, labels: podLabels, annotations: {} });
    }
    return st;
  }

  async listContainers(): Promise<Container[]> {
    return [...this.statuses.values()].map((s) => ({ ...s }));
  }

  async containerStatus(id: string): Promise<ContainerStatus> {
    this.statusCalls.set(id, (this.statusCalls.get(id) ?? 0) + 1);
    const st = this.statuses.get(id);
    if (!st) throw new RuntimeError('NotFound', `container ${id} not found`);
    return { ...st };
  }

  async listPodSandbox(): Promise<PodSandbox[]> {
    return [...this.sandboxes];
  }

  async exec(req: ExecRequest): Promise<string> {
    this.streamRequests.push(req);
    return this.streamUrl;
  }

  async attach(req: AttachRequest): Promise<string> {
    this.streamRequests.push(req);
    return this.streamUrl;
  }

  async portForward(podSandboxId: string, ports: number[]): Promise<string> {
    this.streamRequests.push({ podSandboxId, ports });
    return this.streamUrl;
  }
}
