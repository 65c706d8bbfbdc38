/**
 * "Why is my pod Pending": for each pod whose last attempt found no node, the verdict of every node (which plugin
 * rejected it, with what code and reasons), kept until the pod is scheduled or deleted. `k8ts explain-schedule`
 * and the dashboard read it through `get`.
 *
 * Storage is grouped by verdict (most nodes share a handful of them), so a pod costs one array slot per node, not an
 * object; at most `maxPods` pods are kept (the oldest record is dropped first).
 */
import type { NodeToStatusMap } from './framework/interface.js';
import { CODE_NAMES } from './framework/status.js';
import { podKey, type P } from './framework/types.js';

export interface NodeVerdict {
  node: string;
  plugin: string;
  /** Upstream code name: Unschedulable, UnschedulableAndUnresolvable, Error … */
  code: string;
  reasons: string[];
}

export interface VerdictGroup {
  plugin: string;
  code: string;
  reasons: string[];
  nodes: string[];
}

export interface PodDiagnosis {
  /** namespace/name */
  pod: string;
  uid: string;
  /** When the attempt ran (RFC 3339). */
  time: string;
  numAllNodes: number;
  /** The FailedScheduling message of that attempt. */
  message: string;
  /** The verdicts grouped; most frequent first. */
  groups: VerdictGroup[];
}

export const DEFAULT_MAX_DIAGNOSED_PODS = 10_000;

export class DiagnosisStore {
  private readonly byPod = new Map<string, PodDiagnosis>();

  constructor(private readonly maxPods = DEFAULT_MAX_DIAGNOSED_PODS) {}

  record(pod: P, at: Date, numAllNodes: number, message: string, statuses: NodeToStatusMap): void {
    const groups = new Map<string, VerdictGroup>();
    for (const [node, s] of statuses) {
      const code = CODE_NAMES[s.code];
      const key = `${s.plugin}\u0000${code}\u0000${s.reasons.join('\u0000')}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { plugin: s.plugin, code, reasons: [...s.reasons], nodes: [] }));
      g.nodes.push(node);
    }
    const key = podKey(pod);
    this.byPod.delete(key);
    this.byPod.set(key, {
      pod: key,
      uid: pod.metadata?.uid ?? '',
      time: at.toISOString(),
      numAllNodes,
      message,
      groups: [...groups.values()].sort((a, b) => b.nodes.length - a.nodes.length),
    });
    if (this.byPod.size > this.maxPods) this.byPod.delete(this.byPod.keys().next().value!);
  }

  /** The last failed attempt of a pod, or undefined when it is scheduled, deleted or never failed. */
  get(namespace: string, name: string): PodDiagnosis | undefined {
    return this.byPod.get(`${namespace}/${name}`);
  }

  /** One row per node (sorted by node name), for tables. */
  verdicts(namespace: string, name: string): NodeVerdict[] | undefined {
    const d = this.get(namespace, name);
    if (!d) return undefined;
    const rows: NodeVerdict[] = [];
    for (const g of d.groups) for (const node of g.nodes) rows.push({ node, plugin: g.plugin, code: g.code, reasons: g.reasons });
    return rows.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }

  /** Drops the pod's record (scheduled or deleted); a record of another pod with the same name is kept. */
  delete(pod: P): void {
    const key = podKey(pod);
    const d = this.byPod.get(key);
    if (d && (!pod.metadata?.uid || !d.uid || d.uid === pod.metadata.uid)) this.byPod.delete(key);
  }

  get size(): number {
    return this.byPod.size;
  }
}
