/**
 * What the framework hands plugins about pods and nodes (upstream's framework/types.go): PodInfo (a pod with its
 * affinity terms parsed once), Resource (amounts as numbers: cpu in millicores, memory/storage in bytes) and
 * NodeInfo (a node with the pods on it, the resources they request, their host ports and the node's images).
 * NodeInfos handed to plugins come from the cache's snapshot and must be treated as readonly; preemption works on
 * clones (`clone()`), where addPod/removePod are allowed.
 */
import type { Node, Pod, PodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { labelSelectorAsSelector, type Selector } from '../../machinery/labels/index.js';
import { podRequests, quantityAmount, type ResourceAmounts } from '../../api/core/v1/helpers/pod-requests.js';

export type P = Readonly<Pod>;
export type N = Readonly<Node>;

/** An affinity term with its selectors parsed (upstream's framework.AffinityTerm). */
export interface AffinityTerm {
  /** Explicit namespaces, defaulted to the pod's own when both namespaces and namespaceSelector are empty. */
  namespaces: ReadonlySet<string>;
  selector: Selector;
  topologyKey: string;
  /** Matches namespaces by their labels; `nothing` when the term has no namespaceSelector. */
  namespaceSelector: Selector;
  /** Whether namespaceSelector was set (an empty one matches every namespace). */
  hasNamespaceSelector: boolean;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export class PodInfo {
  readonly requiredAffinityTerms: AffinityTerm[];
  readonly requiredAntiAffinityTerms: AffinityTerm[];
  readonly preferredAffinityTerms: WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[];

  constructor(readonly pod: P) {
    const a = pod.spec?.affinity;
    const ns = pod.metadata?.namespace ?? '';
    this.requiredAffinityTerms = (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(ns, t));
    this.requiredAntiAffinityTerms = (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(ns, t));
    this.preferredAffinityTerms = (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      ...affinityTerm(ns, w.podAffinityTerm),
      weight: w.weight,
    }));
    this.preferredAntiAffinityTerms = (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({
      ...affinityTerm(ns, w.podAffinityTerm),
      weight: w.weight,
    }));
  }

  get key(): string {
    return podKey(this.pod);
  }

  hasAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return !!(a?.podAffinity || a?.podAntiAffinity);
  }
}

/** Parses one term; an invalid selector matches nothing (validation rejects such pods at the API server). */
export function affinityTerm(podNamespace: string, t: Readonly<PodAffinityTerm>): AffinityTerm {
  const parse = (s: PodAffinityTerm['labelSelector']): Selector => {
    try {
      return labelSelectorAsSelector(s ?? null);
    } catch {
      return labelSelectorAsSelector(null);
    }
  };
  const namespaces = new Set(t.namespaces ?? []);
  const hasNamespaceSelector = t.namespaceSelector !== undefined && t.namespaceSelector !== null;
  if (namespaces.size === 0 && !hasNamespaceSelector) namespaces.add(podNamespace);
  return {
    namespaces,
    selector: parse(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaceSelector: hasNamespaceSelector ? parse(t.namespaceSelector) : labelSelectorAsSelector(null),
    hasNamespaceSelector,
  };
}

/** `namespace/name`, the key of a pod in the queue and the cache. */
export const podKey = (p: P): string => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

/** Resource amounts of the scheduler (upstream's framework.Resource). */
export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  /** Extended and hugepage resources by name. */
  readonly scalar = new Map<string, number>();

  static from(amounts: ResourceAmounts): Resource {
    const r = new Resource();
    for (const [name, v] of amounts) r.set(name, v);
    return r;
  }

  static fromList(list: Readonly<Record<string, unknown>> | undefined): Resource {
    const r = new Resource();
    for (const [name, v] of Object.entries(list ?? {})) r.set(name, quantityAmount(name, v));
    return r;
  }

  get(name: string): number {
    switch (name) {
      case 'cpu':
        return this.milliCPU;
      case 'memory':
        return this.memory;
      case 'ephemeral-storage':
        return this.ephemeralStorage;
      case 'pods':
        return this.allowedPodNumber;
      default:
        return this.scalar.get(name) ?? 0;
    }
  }

  set(name: string, v: number): void {
    switch (name) {
      case 'cpu':
        this.milliCPU = v;
        break;
      case 'memory':
        this.memory = v;
        break;
      case 'ephemeral-storage':
        this.ephemeralStorage = v;
        break;
      case 'pods':
        this.allowedPodNumber = v;
        break;
      default:
        this.scalar.set(name, v);
    }
  }

  /** Adds (sign 1) or subtracts (sign -1) every amount of `o`. */
  add(o: Resource, sign: 1 | -1 = 1): void {
    this.milliCPU += sign * o.milliCPU;
    this.memory += sign * o.memory;
    this.ephemeralStorage += sign * o.ephemeralStorage;
    this.allowedPodNumber += sign * o.allowedPodNumber;
    for (const [k, v] of o.scalar) this.scalar.set(k, (this.scalar.get(k) ?? 0) + sign * v);
  }

  clone(): Resource {
    const r = new Resource();
    r.add(this);
    return r;
  }
}

/** An image on a node and on how many nodes it is (upstream's ImageStateSummary, for ImageLocality). */
export interface ImageStateSummary {
  size: number;
  numNodes: number;
}

/** A host port in use: `ip/protocol/port` strings; ip '0.0.0.0' means every address. */
export type HostPortKey = string;

export const hostPortKey = (ip: string | undefined, protocol: string | undefined, port: number): HostPortKey =>
  `${ip || '0.0.0.0'}/${protocol || 'TCP'}/${port}`;

/** The host ports a pod uses (its regular containers, as upstream's NodeInfo counts them). */
export function podHostPorts(p: P): HostPortKey[] {
  const out: HostPortKey[] = [];
  for (const c of p.spec?.containers ?? []) {
    for (const port of c.ports ?? []) if (port.hostPort) out.push(hostPortKey(port.hostIP, port.protocol, port.hostPort));
  }
  return out;
}

/** A pod's requests, computed once per pod object (the cache and several plugins ask for them). */
const requestsCache = new WeakMap<object, { exact: Resource; nonZero: Resource }>();
/**
 * The same by the spec's containers list, for copies of a pod that share it (the scheduler assumes a pod as a copy
 * with spec.nodeName set): valid while initContainers and overhead are the same objects too.
 */
const requestsBySpec = new WeakMap<object, { init: unknown; overhead: unknown; r: { exact: Resource; nonZero: Resource } }>();

export function podResourceRequests(p: P): { exact: Resource; nonZero: Resource } {
  let r = requestsCache.get(p);
  if (r) return r;
  const spec = p.spec;
  const shared = spec?.containers ? requestsBySpec.get(spec.containers) : undefined;
  if (shared && shared.init === spec?.initContainers && shared.overhead === spec?.overhead) r = shared.r;
  else {
    r = { exact: Resource.from(podRequests(p)), nonZero: Resource.from(podRequests(p, { nonZero: true })) };
    if (spec?.containers) requestsBySpec.set(spec.containers, { init: spec.initContainers, overhead: spec.overhead, r });
  }
  requestsCache.set(p, r);
  return r;
}

export class NodeInfo {
  node: N | undefined;
  pods: PodInfo[] = [];
  /** Pods with any (anti-)affinity, and those with required anti-affinity (InterPodAffinity iterates only these). */
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Host ports in use, with a count per key. */
  usedPorts = new Map<HostPortKey, number>();
  /** Sum of the pods' requests, and of their non-zero requests (scoring). */
  requested = new Resource();
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  /** Image name → summary (names as in node.status.images). */
  imageStates = new Map<string, ImageStateSummary>();
  /** PVC `namespace/name` → how many pods here use it (ReadWriteOncePod checks). */
  pvcRefCounts = new Map<string, number>();
  /** Bumped on every change; the snapshot copies only NodeInfos whose generation moved. */
  generation = 0;

  constructor(node?: N) {
    if (node) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata?.name ?? '';
  }

  setNode(node: N): void {
    this.node = node;
    this.allocatable = Resource.fromList(node.status?.allocatable);
    this.generation++;
  }

  addPod(pod: P): void {
    this.addPodInfo(new PodInfo(pod));
  }

  addPodInfo(pi: PodInfo): void {
    this.pods.push(pi);
    if (pi.hasAffinity()) this.podsWithAffinity.push(pi);
    if (pi.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi, 1);
  }

  /** Removes the pod with the same uid (or key when it has none); false when it was not here. */
  removePod(pod: P): boolean {
    const match = (x: PodInfo): boolean =>
      pod.metadata?.uid ? x.pod.metadata?.uid === pod.metadata.uid : x.key === podKey(pod);
    const i = this.pods.findIndex(match);
    if (i < 0) return false;
    const [pi] = this.pods.splice(i, 1);
    this.podsWithAffinity = this.podsWithAffinity.filter((x) => !match(x));
    this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((x) => !match(x));
    this.update(pi!, -1);
    return true;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const { exact, nonZero } = podResourceRequests(pi.pod);
    this.requested.add(exact, sign);
    this.nonZeroRequested.add(nonZero, sign);
    for (const k of podHostPorts(pi.pod)) {
      const n = (this.usedPorts.get(k) ?? 0) + sign;
      if (n > 0) this.usedPorts.set(k, n);
      else this.usedPorts.delete(k);
    }
    for (const v of pi.pod.spec?.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (!claim) continue;
      const k = `${pi.pod.metadata?.namespace ?? ''}/${claim}`;
      const n = (this.pvcRefCounts.get(k) ?? 0) + sign;
      if (n > 0) this.pvcRefCounts.set(k, n);
      else this.pvcRefCounts.delete(k);
    }
    this.generation++;
  }

  /** A deep enough copy for preemption's what-if (pods shared, aggregates copied). */
  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.pods = [...this.pods];
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    c.usedPorts = new Map(this.usedPorts);
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.allocatable = this.allocatable.clone();
    c.imageStates = this.imageStates;
    c.pvcRefCounts = new Map(this.pvcRefCounts);
    c.generation = this.generation;
    return c;
  }
}
