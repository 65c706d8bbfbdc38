/**
 * Whether a node has room for a pod's requests (upstream's fitsRequest): one pod slot ("Too many pods"), then cpu,
 * memory, ephemeral-storage and every requested scalar resource against allocatable minus what the node's pods
 * already request. Every shortfall is reported, in that order, so the FailedScheduling message lists them all.
 */
import { podResourceRequests, type NodeInfo, type P, type Resource } from '../../framework/types.js';
import { isExtendedResourceName, isScalarResourceName } from './resource-names.js';

export interface InsufficientResource {
  resourceName: string;
  /** The user-facing reason, e.g. "Insufficient cpu". */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** What PreFilter computes once per pod: its requests and the scalar resources worth checking. */
export interface PodFitRequest {
  request: Resource;
  /** Non-zero scalar requests, minus ignored extended resources and groups. */
  scalars: readonly (readonly [string, number])[];
  /** No cpu, memory, ephemeral-storage or scalar request: only the pod count matters. */
  empty: boolean;
}

export interface IgnoredResources {
  resources: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

export const NO_IGNORED: IgnoredResources = { resources: new Set(), groups: new Set() };

function ignored(name: string, ign: IgnoredResources): boolean {
  if (!isExtendedResourceName(name)) return false;
  if (ign.resources.has(name)) return true;
  return ign.groups.size > 0 && ign.groups.has(name.split('/')[0]!);
}

export function computePodFitRequest(pod: P, ign: IgnoredResources = NO_IGNORED): PodFitRequest {
  const request = podResourceRequests(pod).exact;
  const scalars: [string, number][] = [];
  for (const [name, q] of request.scalar) if (q !== 0 && isScalarResourceName(name) && !ignored(name, ign)) scalars.push([name, q]);
  const empty = request.milliCPU === 0 && request.memory === 0 && request.ephemeralStorage === 0 && request.scalar.size === 0;
  return { request, scalars, empty };
}

const NONE: readonly InsufficientResource[] = Object.freeze([]);

const short = (resourceName: string, reason: string, requested: number, used: number, capacity: number): InsufficientResource => ({
  resourceName,
  reason,
  requested,
  used,
  capacity,
});

/**
 * The resources the node lacks for the pod; empty when it fits. Runs per node on the hot path: no allocation unless
 * something is short.
 */
export function fitsRequest(r: PodFitRequest, nodeInfo: NodeInfo): readonly InsufficientResource[] {
  let out: InsufficientResource[] | undefined;
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  const pods = nodeInfo.pods.length;
  if (pods + 1 > alloc.allowedPodNumber) out = [short('pods', 'Too many pods', 1, pods, alloc.allowedPodNumber)];
  if (r.empty) return out ?? NONE;
  const req = r.request;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    (out ??= []).push(short('cpu', 'Insufficient cpu', req.milliCPU, used.milliCPU, alloc.milliCPU));
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    (out ??= []).push(short('memory', 'Insufficient memory', req.memory, used.memory, alloc.memory));
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    const reason = 'Insufficient ephemeral-storage';
    (out ??= []).push(short('ephemeral-storage', reason, req.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage));
  }
  for (let i = 0; i < r.scalars.length; i++) {
    const [name, q] = r.scalars[i]!;
    const cap = alloc.scalar.get(name) ?? 0;
    const inUse = used.scalar.get(name) ?? 0;
    if (q > cap - inUse) (out ??= []).push(short(name, `Insufficient ${name}`, q, inUse, cap));
  }
  return out ?? NONE;
}
