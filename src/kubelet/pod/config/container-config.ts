/**
 * The CRI configuration of one container (upstream's generateContainerConfig): the environment (env.ts), command
 * and args with `$(VAR)` references expanded against it, workingDir, stdin/stdinOnce/tty, the log path relative to
 * the sandbox's log directory, mounts, and the Linux resources and security context. Fails with a
 * ContainerStartError (CreateContainerConfigError) when a reference cannot be resolved or runAsNonRoot is broken.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { ANNOTATION_INIT_CONTAINER, LABEL_CONTAINER_NAME, type ContainerConfig, type Mount } from '../../runtime/interface.js';
import { containerEnv, type EnvContext } from './env.js';
import { expand } from './expansion.js';
import { containerMounts } from './mounts.js';
import { containerLogPath } from './paths.js';
import { linuxResources } from './resources.js';
import { podLabels } from './sandbox-config.js';
import { containerSecurityContext, verifyRunAsNonRoot } from './security-context.js';

export interface ContainerContext {
  env: EnvContext;
  /** The container's restart count (CRI attempt). */
  attempt: number;
  init: boolean;
  /** The sandbox has a log directory: the container gets a log path. */
  logs: boolean;
  /** Host path of the pod's managed /etc/hosts, when the kubelet wrote one. */
  hostsFile?: string;
  /** The container's volume mounts as CRI mounts given its resolved environment (the volume manager); none by default. */
  volumeMounts?: (env: ReadonlyMap<string, string>) => Promise<readonly Mount[]>;
  /** The node's memory capacity in bytes (Burstable oomScoreAdj). */
  memoryCapacity: number;
}

export async function buildContainerConfig(pod: Readonly<Pod>, c: Readonly<Container>, ctx: ContainerContext): Promise<ContainerConfig> {
  verifyRunAsNonRoot(pod, c);
  const envs = await containerEnv(pod, c, ctx.env);
  const vars = new Map(envs.map((e) => [e.key, e.value]));
  const lookup = (name: string) => vars.get(name);
  const cfg: ContainerConfig = {
    metadata: { name: c.name, attempt: ctx.attempt },
    image: { image: c.image ?? '' },
    command: (c.command ?? []).map((s) => expand(s, lookup)),
    args: (c.args ?? []).map((s) => expand(s, lookup)),
    envs,
    labels: { ...podLabels(pod), [LABEL_CONTAINER_NAME]: c.name },
    annotations: ctx.init ? { [ANNOTATION_INIT_CONTAINER]: 'true' } : {},
    mounts: containerMounts(c, ctx.volumeMounts ? await ctx.volumeMounts(vars) : [], ctx.hostsFile),
    linux: { resources: linuxResources(pod, c, ctx.memoryCapacity), securityContext: containerSecurityContext(pod, c) },
  };
  if (c.workingDir) cfg.workingDir = c.workingDir;
  if (ctx.logs) cfg.logPath = containerLogPath(c.name, ctx.attempt);
  if (c.stdin) cfg.stdin = true;
  if (c.stdinOnce) cfg.stdinOnce = true;
  if (c.tty) cfg.tty = true;
  return cfg;
}
