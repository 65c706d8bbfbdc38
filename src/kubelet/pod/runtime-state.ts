/**
 * What the runtime knows of one pod (upstream's kubecontainer.PodStatus): its sandboxes, newest first, and its
 * containers by name, newest attempt first.
 */
import type { ContainerStatus, PodSandboxStatus, RuntimeService } from '../runtime/interface.js';

export interface PodRuntimeState {
  sandboxes: PodSandboxStatus[];
  containers: Map<string, ContainerStatus[]>;
}

export async function podRuntimeState(runtime: RuntimeService, uid: string): Promise<PodRuntimeState> {
  const sandboxes = await Promise.all((await runtime.listPodSandbox({ podUid: uid })).map((s) => runtime.podSandboxStatus(s.id)));
  sandboxes.sort((a, b) => b.createdAt - a.createdAt || b.metadata.attempt - a.metadata.attempt);
  const statuses = await Promise.all((await runtime.listContainers({ podUid: uid })).map((c) => runtime.containerStatus(c.id)));
  const containers = new Map<string, ContainerStatus[]>();
  for (const c of statuses) {
    const list = containers.get(c.metadata.name) ?? [];
    list.push(c);
    containers.set(c.metadata.name, list);
  }
  for (const list of containers.values()) list.sort((a, b) => b.metadata.attempt - a.metadata.attempt);
  return { sandboxes, containers };
}

export const readySandbox = (s: PodRuntimeState): PodSandboxStatus | undefined =>
  s.sandboxes.find((x) => x.state === 'SANDBOX_READY');

/** The newest container of `name` in the sandbox `sandboxId` (the one that counts for actions). */
export const latestIn = (s: PodRuntimeState, name: string, sandboxId: string | undefined): ContainerStatus | undefined =>
  sandboxId === undefined ? undefined : s.containers.get(name)?.find((c) => c.podSandboxId === sandboxId);

/** The attempt number for the next container of `name` (= its restartCount once created). */
export const nextAttempt = (s: PodRuntimeState, name: string): number => {
  const newest = s.containers.get(name)?.[0];
  return newest ? newest.metadata.attempt + 1 : 0;
};

export const isRunningOrCreated = (c: ContainerStatus): boolean =>
  c.state === 'CONTAINER_RUNNING' || c.state === 'CONTAINER_CREATED';
