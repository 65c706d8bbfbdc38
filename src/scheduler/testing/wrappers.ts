/**
 * Test builders for pods and nodes (the role of upstream's scheduler testing wrappers): fluent, each call returns
 * the builder, `obj()` returns the object. For unit tests only.
 */
import type { Node, Pod, PodAffinityTerm, Taint, Toleration, Container, NodeSelectorRequirement, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';

export class PodWrapper {
  readonly pod: Pod;

  constructor(name: string, namespace = 'default') {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, uid: `uid-${namespace}-${name}`, labels: {}, creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Pending' },
    };
  }

  obj(): Pod {
    return this.pod;
  }

  /** metadata without the readonly markers of kubernetes-types (server-set fields, set here by tests). */
  private get meta(): { uid?: string; creationTimestamp?: string; deletionTimestamp?: string } {
    return this.pod.metadata as { uid?: string; creationTimestamp?: string; deletionTimestamp?: string };
  }

  private get spec() {
    return this.pod.spec!;
  }

  uid(uid: string): this {
    this.meta.uid = uid;
    return this;
  }

  label(k: string, v: string): this {
    this.pod.metadata!.labels![k] = v;
    return this;
  }

  node(name: string): this {
    this.spec.nodeName = name;
    return this;
  }

  schedulerName(name: string): this {
    this.spec.schedulerName = name;
    return this;
  }

  priority(p: number): this {
    this.spec.priority = p;
    return this;
  }

  preemptionPolicy(p: 'Never' | 'PreemptLowerPriority'): this {
    this.spec.preemptionPolicy = p;
    return this;
  }

  creationTimestamp(iso: string): this {
    this.meta.creationTimestamp = iso;
    return this;
  }

  terminating(iso = '2026-01-01T00:00:00Z'): this {
    this.meta.deletionTimestamp = iso;
    return this;
  }

  /** status.startTime (preemption prefers victims that started last). */
  startTime(iso: string): this {
    this.pod.status!.startTime = iso;
    return this;
  }

  phase(phase: string): this {
    this.pod.status!.phase = phase;
    return this;
  }

  /** Adds a status condition (e.g. PodScheduled=False), a status-only change for update tests. */
  condition(type: string, status: 'True' | 'False' | 'Unknown', reason?: string): this {
    (this.pod.status!.conditions ??= []).push({ type, status, ...(reason ? { reason } : {}) });
    return this;
  }

  nominatedNodeName(n: string): this {
    this.pod.status!.nominatedNodeName = n;
    return this;
  }

  /** Replaces the containers with one per entry of requests (e.g. `req({ cpu: '1', memory: '1Gi' })`). */
  req(...requests: Record<string, string>[]): this {
    this.spec.containers = requests.map((r, i) => ({ name: `c${i}`, image: 'busybox', resources: { requests: r } }));
    return this;
  }

  initReq(requests: Record<string, string>, sidecar = false): this {
    const c: Container = { name: `init${this.spec.initContainers?.length ?? 0}`, image: 'busybox', resources: { requests } };
    if (sidecar) c.restartPolicy = 'Always';
    (this.spec.initContainers ??= []).push(c);
    return this;
  }

  overhead(o: Record<string, string>): this {
    this.spec.overhead = o;
    return this;
  }

  image(image: string): this {
    this.spec.containers[0]!.image = image;
    return this;
  }

  hostPort(port: number, protocol = 'TCP', hostIP?: string): this {
    const c = this.spec.containers[0]!;
    (c.ports ??= []).push({ containerPort: port, hostPort: port, protocol, ...(hostIP ? { hostIP } : {}) });
    return this;
  }

  nodeSelector(sel: Record<string, string>): this {
    this.spec.nodeSelector = sel;
    return this;
  }

  /** Adds one required node affinity term with these expressions (terms are ORed). */
  nodeAffinityIn(key: string, values: string[], op: NodeSelectorRequirement['operator'] = 'In'): this {
    const na = ((this.spec.affinity ??= {}).nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    req.nodeSelectorTerms.push({ matchExpressions: [{ key, operator: op, values }] });
    return this;
  }

  preferredNodeAffinity(weight: number, key: string, values: string[]): this {
    const na = ((this.spec.affinity ??= {}).nodeAffinity ??= {});
    (na.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({
      weight,
      preference: { matchExpressions: [{ key, operator: 'In', values }] },
    });
    return this;
  }

  toleration(t: Toleration): this {
    (this.spec.tolerations ??= []).push(t);
    return this;
  }

  podAffinity(term: PodAffinityTerm, anti = false): this {
    const a = (this.spec.affinity ??= {});
    const target = anti ? (a.podAntiAffinity ??= {}) : (a.podAffinity ??= {});
    (target.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(term);
    return this;
  }

  preferredPodAffinity(weight: number, term: PodAffinityTerm, anti = false): this {
    const a = (this.spec.affinity ??= {});
    const target = anti ? (a.podAntiAffinity ??= {}) : (a.podAffinity ??= {});
    (target.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, podAffinityTerm: term });
    return this;
  }

  spread(c: TopologySpreadConstraint): this {
    (this.spec.topologySpreadConstraints ??= []).push(c);
    return this;
  }

  schedulingGate(name: string): this {
    (this.spec.schedulingGates ??= []).push({ name });
    return this;
  }

  pvc(claimName: string): this {
    (this.spec.volumes ??= []).push({ name: claimName, persistentVolumeClaim: { claimName } });
    return this;
  }

  ownerRef(kind: string, name: string, uid = `uid-${name}`): this {
    (this.pod.metadata!.ownerReferences ??= []).push({ apiVersion: 'apps/v1', kind, name, uid, controller: true });
    return this;
  }
}

export class NodeWrapper {
  readonly node: Node;

  constructor(name: string) {
    this.node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, uid: `uid-node-${name}`, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: {
        capacity: { cpu: '4', memory: '32Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '32Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    };
  }

  obj(): Node {
    return this.node;
  }

  label(k: string, v: string): this {
    this.node.metadata!.labels![k] = v;
    return this;
  }

  /** Sets capacity and allocatable (pods defaults to 110 unless given). */
  capacity(res: Record<string, string>): this {
    const all = { pods: '110', ...res };
    this.node.status!.capacity = { ...all };
    this.node.status!.allocatable = { ...all };
    return this;
  }

  taint(t: Taint): this {
    (this.node.spec!.taints ??= []).push(t);
    return this;
  }

  unschedulable(): this {
    this.node.spec!.unschedulable = true;
    return this;
  }

  images(images: { names: string[]; sizeBytes: number }[]): this {
    this.node.status!.images = images;
    return this;
  }
}

export const makePod = (name: string, namespace?: string): PodWrapper => new PodWrapper(name, namespace);
export const makeNode = (name: string): NodeWrapper => new NodeWrapper(name);
