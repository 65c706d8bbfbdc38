/**
 * Finds what a kubelet URL names, through the runtime alone (the kubelet's pod manager is not needed): containers
 * and sandboxes carry the pod's namespace/name and the container's name as CRI labels. When a pod was re-created
 * under the same name, the newest instance wins; a container's previous instance is the newest older one of the
 * same pod (same pod uid), or, when the runtime no longer has it, the log file of the previous restart beside the
 * current one (`<dir>/<restartCount-1>.log`, the kubelet's log layout).
 */
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  LABEL_CONTAINER_NAME,
  LABEL_POD_NAME,
  LABEL_POD_NAMESPACE,
  LABEL_POD_UID,
  type Container,
  type ContainerStatus,
  type PodSandbox,
  type RuntimeService,
} from '../runtime/interface.js';
import { badRequest, notFound } from './respond.js';

/** What the kubelet server needs from the runtime; exec/attach/portForward are optional (501 without them). */
export type KubeletServerRuntime = Pick<RuntimeService, 'listContainers' | 'containerStatus' | 'listPodSandbox'> &
  Partial<Pick<RuntimeService, 'exec' | 'attach' | 'portForward'>>;

export interface ContainerRef {
  namespace: string;
  pod: string;
  container: string;
}

const newestFirst = <T extends { createdAt: number }>(xs: T[]): T[] => [...xs].sort((a, b) => b.createdAt - a.createdAt);

async function instances(runtime: KubeletServerRuntime, ref: ContainerRef): Promise<Container[]> {
  const all = await runtime.listContainers();
  const mine = all.filter(
    (c) => c.labels[LABEL_POD_NAMESPACE] === ref.namespace && c.labels[LABEL_POD_NAME] === ref.pod && c.labels[LABEL_CONTAINER_NAME] === ref.container,
  );
  if (!mine.length) {
    const podKnown = all.some((c) => c.labels[LABEL_POD_NAMESPACE] === ref.namespace && c.labels[LABEL_POD_NAME] === ref.pod);
    const sandboxes = podKnown ? [] : await podSandboxes(runtime, ref.namespace, ref.pod);
    if (!podKnown && !sandboxes.length) throw notFound(`pod "${ref.pod}" in namespace "${ref.namespace}" not found on this node`);
    throw notFound(`container "${ref.container}" in pod "${ref.pod}" not found`);
  }
  return newestFirst(mine);
}

/** The newest instance of the container. */
export async function currentContainer(runtime: KubeletServerRuntime, ref: ContainerRef): Promise<ContainerStatus> {
  const [newest] = await instances(runtime, ref);
  return runtime.containerStatus(newest!.id);
}

/** The log file of the container's previous instance; 400 as upstream when there is none. */
export async function previousLogPath(runtime: KubeletServerRuntime, ref: ContainerRef): Promise<string> {
  const all = await instances(runtime, ref);
  const current = all[0]!;
  const older = all.slice(1).find((c) => c.labels[LABEL_POD_UID] === current.labels[LABEL_POD_UID]);
  const missing = () => badRequest(`previous terminated container "${ref.container}" in pod "${ref.pod}" not found`);
  if (older) {
    const st = await runtime.containerStatus(older.id);
    if (st.logPath) return st.logPath;
  }
  const { logPath } = await runtime.containerStatus(current.id);
  const restart = logPath ? /^(\d+)\.log$/.exec(basename(logPath)) : null;
  if (!logPath || !restart || Number(restart[1]) === 0) throw missing();
  const path = join(dirname(logPath), `${Number(restart[1]) - 1}.log`);
  if (!(await access(path).then(() => true, () => false))) throw missing();
  return path;
}

async function podSandboxes(runtime: KubeletServerRuntime, namespace: string, pod: string): Promise<PodSandbox[]> {
  const all = await runtime.listPodSandbox();
  return newestFirst(all.filter((s) => s.labels[LABEL_POD_NAMESPACE] === namespace && s.labels[LABEL_POD_NAME] === pod));
}

/** The pod's newest ready sandbox (port-forward's target). */
export async function readySandbox(runtime: KubeletServerRuntime, namespace: string, pod: string): Promise<PodSandbox> {
  const ready = (await podSandboxes(runtime, namespace, pod)).find((s) => s.state === 'SANDBOX_READY');
  if (!ready) throw notFound(`pod "${pod}" in namespace "${namespace}" not found on this node`);
  return ready;
}
