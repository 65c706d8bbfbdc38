/**
 * The CRI client: RuntimeService and ImageService over gRPC on a unix socket (containerd's cri plugin, or any CRI
 * runtime), behind the kubelet's runtime interface. Every call carries a deadline; failures become RuntimeErrors
 * with the gRPC status name as code (errors.ts). Requests and responses go through convert.ts.
 */
import * as grpc from '@grpc/grpc-js';
import {
  isRuntimeNotFound,
  type AttachRequest,
  type Container,
  type ContainerConfig,
  type ContainerFilter,
  type ContainerStatus,
  type ExecRequest,
  type ExecSyncResult,
  type FilesystemUsage,
  type Image,
  type ImageService,
  type ImageSpec,
  type LinuxContainerResources,
  type PodSandbox,
  type PodSandboxConfig,
  type PodSandboxFilter,
  type PodSandboxStatus,
  type RuntimeCondition,
  type RuntimeService,
  type VersionResponse,
} from '../interface.js';
import * as convert from './convert.js';
import { toRuntimeError } from './errors.js';
import { loadCriServices } from './proto.js';
import type { WireContainer, WireContainerStatus, WireFilesystemUsage, WireImage, WirePodSandbox } from './wire.js';

/** The CRI API version this client speaks (VersionRequest.version). */
export const CRI_API_VERSION = 'v1';

export interface CriClientOptions {
  /** `unix:///abs/path.sock` or an absolute socket path. */
  endpoint: string;
  /** Deadline of an ordinary call (upstream's --runtime-request-timeout, default 2 min). */
  requestTimeoutMs?: number;
  /** Deadline of PullImage (default 10 min). */
  pullTimeoutMs?: number;
}

/** `/run/x.sock` → `unix:///run/x.sock`; other schemes are refused (the CRI is local). */
export function normalizeEndpoint(endpoint: string): string {
  if (endpoint.startsWith('unix://')) return endpoint;
  if (endpoint.startsWith('/')) return `unix://${endpoint}`;
  throw new Error(`CRI endpoint must be unix:///abs/path or an absolute path, got ${JSON.stringify(endpoint)}`);
}

const MAX_MESSAGE = 16 * 1024 * 1024;

type Callback = (err: grpc.ServiceError | null, res: unknown) => void;
type Unary = (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions, cb: Callback) => void;

export class CriClient implements RuntimeService, ImageService {
  private readonly runtime: grpc.Client;
  private readonly images: grpc.Client;
  private readonly requestTimeoutMs: number;
  private readonly pullTimeoutMs: number;

  constructor(opts: CriClientOptions) {
    const { RuntimeService, ImageService } = loadCriServices();
    const address = normalizeEndpoint(opts.endpoint);
    const channelOptions = { 'grpc.max_receive_message_length': MAX_MESSAGE, 'grpc.max_send_message_length': MAX_MESSAGE };
    const creds = grpc.credentials.createInsecure();
    this.runtime = new RuntimeService(address, creds, channelOptions);
    this.images = new ImageService(address, creds, channelOptions);
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 120_000;
    this.pullTimeoutMs = opts.pullTimeoutMs ?? 600_000;
  }

  close(): void {
    this.runtime.close();
    this.images.close();
  }

  /** One unary call with a deadline (wall-clock, as gRPC deadlines are), errors mapped. */
  private call<T>(client: grpc.Client, method: string, req: unknown, timeoutMs = this.requestTimeoutMs): Promise<T> {
    const fn = (client as unknown as Record<string, Unary>)[method];
    if (!fn) return Promise.reject(new Error(`CRI method ${method} is not in api.proto`));
    return new Promise<T>((resolve, reject) => {
      fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) =>
        err ? reject(toRuntimeError(method, err)) : resolve(res as T),
      );
    });
  }

  private rt<T>(method: string, req: unknown, timeoutMs?: number): Promise<T> {
    return this.call<T>(this.runtime, method, req, timeoutMs);
  }

  private img<T>(method: string, req: unknown, timeoutMs?: number): Promise<T> {
    return this.call<T>(this.images, method, req, timeoutMs);
  }

  // ---- RuntimeService ----

  async version(): Promise<VersionResponse> {
    const r = await this.rt<{ runtime_name: string; runtime_version: string; runtime_api_version: string }>(
      'Version',
      { version: CRI_API_VERSION },
    );
    return { runtimeName: r.runtime_name, runtimeVersion: r.runtime_version, runtimeApiVersion: r.runtime_api_version };
  }

  async status(): Promise<RuntimeCondition[]> {
    const r = await this.rt<{ status: { conditions: RuntimeCondition[] } | null }>('Status', { verbose: false });
    return (r.status?.conditions ?? []).map((c) => ({ ...c }));
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const r = await this.rt<{ pod_sandbox_id: string }>('RunPodSandbox', {
      config: convert.sandboxConfigToWire(config),
    });
    return r.pod_sandbox_id;
  }

  async stopPodSandbox(id: string): Promise<void> {
    await ignoreNotFound(this.rt('StopPodSandbox', { pod_sandbox_id: id }));
  }

  async removePodSandbox(id: string): Promise<void> {
    await ignoreNotFound(this.rt('RemovePodSandbox', { pod_sandbox_id: id }));
  }

  async podSandboxStatus(id: string): Promise<PodSandboxStatus> {
    const r = await this.rt<{ status: Parameters<typeof convert.sandboxStatusFromWire>[0] }>('PodSandboxStatus', {
      pod_sandbox_id: id,
    });
    return convert.sandboxStatusFromWire(r.status);
  }

  async listPodSandbox(filter: PodSandboxFilter = {}): Promise<PodSandbox[]> {
    const r = await this.rt<{ items: WirePodSandbox[] }>('ListPodSandbox', {
      filter: convert.sandboxFilterToWire(filter),
    });
    return r.items.map(convert.sandboxFromWire);
  }

  async createContainer(podSandboxId: string, config: ContainerConfig, sandbox: PodSandboxConfig): Promise<string> {
    const r = await this.rt<{ container_id: string }>('CreateContainer', {
      pod_sandbox_id: podSandboxId,
      config: convert.containerConfigToWire(config),
      sandbox_config: convert.sandboxConfigToWire(sandbox),
    });
    return r.container_id;
  }

  async startContainer(id: string): Promise<void> {
    await this.rt('StartContainer', { container_id: id });
  }

  /** The deadline covers the grace period: the runtime answers only once the container has exited. */
  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const timeout = Math.max(0, Math.trunc(timeoutSeconds));
    await ignoreNotFound(
      this.rt('StopContainer', { container_id: id, timeout: String(timeout) }, timeout * 1000 + this.requestTimeoutMs),
    );
  }

  async removeContainer(id: string): Promise<void> {
    await ignoreNotFound(this.rt('RemoveContainer', { container_id: id }));
  }

  /** CRI's ContainerStatus lacks the sandbox id; one ListContainers by id (under 1 ms) supplies it. */
  async containerStatus(id: string): Promise<ContainerStatus> {
    const [r, listed] = await Promise.all([
      this.rt<{ status: WireContainerStatus }>('ContainerStatus', { container_id: id, verbose: false }),
      this.rt<{ containers: WireContainer[] }>('ListContainers', { filter: convert.containerFilterToWire({ id }) }),
    ]);
    return convert.containerStatusFromWire(r.status, listed.containers[0]?.pod_sandbox_id ?? '');
  }

  async listContainers(filter: ContainerFilter = {}): Promise<Container[]> {
    const r = await this.rt<{ containers: WireContainer[] }>('ListContainers', {
      filter: convert.containerFilterToWire(filter),
    });
    return r.containers.map(convert.containerFromWire);
  }

  /** timeoutSeconds 0 (no limit in CRI) is bounded by the request timeout here: every call has a deadline. */
  async execSync(containerId: string, cmd: string[], timeoutSeconds: number): Promise<ExecSyncResult> {
    const timeout = Math.max(0, Math.trunc(timeoutSeconds));
    const r = await this.rt<{ stdout: Buffer; stderr: Buffer; exit_code: number }>(
      'ExecSync',
      { container_id: containerId, cmd, timeout: String(timeout) },
      timeout * 1000 + this.requestTimeoutMs,
    );
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exit_code };
  }

  async exec(req: ExecRequest): Promise<string> {
    const r = await this.rt<{ url: string }>('Exec', {
      container_id: req.containerId,
      cmd: req.cmd,
      tty: req.tty,
      stdin: req.stdin,
      stdout: req.stdout,
      stderr: req.stderr,
    });
    return r.url;
  }

  async attach(req: AttachRequest): Promise<string> {
    const r = await this.rt<{ url: string }>('Attach', {
      container_id: req.containerId,
      tty: req.tty,
      stdin: req.stdin,
      stdout: req.stdout,
      stderr: req.stderr,
    });
    return r.url;
  }

  async portForward(podSandboxId: string, ports: number[]): Promise<string> {
    const r = await this.rt<{ url: string }>('PortForward', { pod_sandbox_id: podSandboxId, port: ports });
    return r.url;
  }

  async updateContainerResources(containerId: string, resources: LinuxContainerResources): Promise<void> {
    await this.rt('UpdateContainerResources', {
      container_id: containerId,
      linux: convert.resourcesToWire(resources),
    });
  }

  // ---- ImageService ----

  async pullImage(image: ImageSpec, sandboxConfig?: PodSandboxConfig): Promise<string> {
    const r = await this.img<{ image_ref: string }>(
      'PullImage',
      { image: { image: image.image }, sandbox_config: sandboxConfig && convert.sandboxConfigToWire(sandboxConfig) },
      this.pullTimeoutMs,
    );
    return r.image_ref;
  }

  async imageStatus(image: ImageSpec): Promise<Image | undefined> {
    const r = await this.img<{ image: WireImage | null }>('ImageStatus', { image: { image: image.image } });
    return r.image && r.image.id ? convert.imageFromWire(r.image) : undefined;
  }

  async listImages(): Promise<Image[]> {
    const r = await this.img<{ images: WireImage[] }>('ListImages', {});
    return r.images.map(convert.imageFromWire);
  }

  async removeImage(image: ImageSpec): Promise<void> {
    await ignoreNotFound(this.img('RemoveImage', { image: { image: image.image } }));
  }

  async imageFsInfo(): Promise<FilesystemUsage[]> {
    const r = await this.img<{ image_filesystems: WireFilesystemUsage[] }>('ImageFsInfo', {});
    return r.image_filesystems.map(convert.filesystemUsageFromWire);
  }
}

/** CRI: stop/remove "must not return an error if already removed"; some runtimes still answer NotFound. */
async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    if (!isRuntimeNotFound(e)) throw e;
  }
}
