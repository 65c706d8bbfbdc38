/**
 * Matching-pod counts per topology value, kept from one scheduling cycle to the next. PreFilter and PreScore count,
 * for every node of the snapshot, the pods matching each constraint's selector: O(nodes + pods) per pod, which
 * upstream spreads over 16 goroutines and which dominated a cycle here (≈ 2 ms per pod at 5,000 nodes). Pods of one
 * workload share their constraints, so the counts of the previous cycle are almost all still right: only the
 * nodes whose NodeInfo changed since (the last bound pod's node, usually) need recounting.
 *
 * One entry per counting rule: the constraints' topology keys, selectors and inclusion policies, the pod's
 * namespace, whether nodes must carry every key, and what the inclusion policies read of the pod (its nodeSelector
 * and required node affinity, its tolerations). An entry keeps each node's contribution with what it was computed
 * from — the NodeInfo's node and pods objects (the snapshot copies both whenever they change) and its generation —
 * and is rebuilt when the snapshot's node list was replaced (nodes added or removed). With the snapshot's change
 * tracking only the NodeInfos it reports changed are looked at (O(changed nodes) per cycle); without it every
 * node's references are compared. The result is exactly the full walk's: see computePreFilterState and
 * computePreScoreState, which use it for the snapshot's own list only.
 */
import type { NodeInfoLister } from '../../framework/interface.js';
import type { N, NodeInfo, P, PodInfo } from '../../framework/types.js';
import { LABEL_HOSTNAME } from './args.js';
import { countPodsMatchSelector, labelValue, NodeInclusion, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './constraints.js';

/** What one node adds to the topology value of each constraint it counts for. */
interface Contribution {
  /** Per constraint: the node's topology value, or undefined when it does not count for the constraint. */
  values: (string | undefined)[];
  counts: number[];
}

const NONE: Contribution = { values: [], counts: [] };

interface Total {
  /** Nodes of this topology value that count for the constraint (the value is a domain while > 0). */
  nodes: number;
  /** Matching pods on them. */
  pods: number;
}

class Entry {
  private list: readonly NodeInfo[] | undefined;
  /** Where `list` is in the lister's change tracking, after the last sync (undefined: no tracking). */
  private generation: number | undefined;
  private indexOf = new Map<NodeInfo, number>();
  private nodeRefs: (N | undefined)[] = [];
  private podRefs: PodInfo[][] = [];
  private gens: number[] = [];
  private contributions: Contribution[] = [];
  /** Per constraint: topology value → total. */
  readonly totals: Map<string, Total>[];

  constructor(
    private readonly pod: P,
    private readonly constraints: readonly SpreadConstraint[],
    /** True: a node missing any topology key counts for no constraint. False: its value is '' for missing keys. */
    private readonly requireAll: boolean,
    /** Leaves kubernetes.io/hostname constraints uncounted (PreScore counts them per node in Score). */
    private readonly skipHostname: boolean,
  ) {
    this.totals = constraints.map(() => new Map());
  }

  /**
   * Brings the totals up to date with `nodes`: everything is counted for a new list; otherwise only the nodes the
   * lister says changed (when it tracks changes), or else those whose node, pods or generation differ.
   */
  sync(nodes: readonly NodeInfo[], lister?: NodeInfoLister): void {
    const inclusion = new NodeInclusion(this.pod);
    const generation = lister?.generation;
    if (nodes !== this.list || nodes.length !== this.contributions.length) {
      this.list = nodes;
      for (const t of this.totals) t.clear();
      this.nodeRefs = new Array(nodes.length);
      this.podRefs = new Array(nodes.length);
      this.gens = new Array(nodes.length);
      this.contributions = new Array(nodes.length);
      this.indexOf = new Map();
      for (let i = 0; i < nodes.length; i++) {
        this.indexOf.set(nodes[i]!, i);
        this.count(i, nodes[i]!, inclusion);
      }
      this.generation = generation;
      return;
    }
    const changed = this.generation !== undefined && generation !== undefined ? lister?.changedSince?.(this.generation) : undefined;
    this.generation = generation;
    if (changed) {
      for (const ni of changed) {
        const i = this.indexOf.get(ni);
        if (i !== undefined) this.recount(i, ni, inclusion);
      }
      return;
    }
    for (let i = 0; i < nodes.length; i++) this.recount(i, nodes[i]!, inclusion);
  }

  /** Recounts node `i` unless what it was counted from is unchanged. */
  private recount(i: number, ni: NodeInfo, inclusion: NodeInclusion): void {
    if (ni.node === this.nodeRefs[i] && ni.pods === this.podRefs[i] && ni.generation === this.gens[i]) return;
    this.apply(this.contributions[i]!, -1);
    this.count(i, ni, inclusion);
  }

  private count(i: number, ni: NodeInfo, inclusion: NodeInclusion): void {
    this.nodeRefs[i] = ni.node;
    this.podRefs[i] = ni.pods;
    this.gens[i] = ni.generation;
    const c = this.contribution(ni, inclusion);
    this.contributions[i] = c;
    this.apply(c, 1);
  }

  private contribution(ni: NodeInfo, inclusion: NodeInclusion): Contribution {
    const node = ni.node;
    if (!node) return NONE;
    const labels = node.metadata?.labels;
    if (this.requireAll && !nodeLabelsMatchSpreadConstraints(labels, this.constraints)) return NONE;
    inclusion.reset(node);
    const ns = this.pod.metadata?.namespace ?? '';
    const values: (string | undefined)[] = new Array(this.constraints.length);
    const counts: number[] = new Array(this.constraints.length);
    for (let i = 0; i < this.constraints.length; i++) {
      const c = this.constraints[i]!;
      if ((this.skipHostname && c.topologyKey === LABEL_HOSTNAME) || !inclusion.matches(c)) {
        values[i] = undefined;
        counts[i] = 0;
        continue;
      }
      values[i] = labelValue(labels, c.topologyKey) ?? '';
      counts[i] = countPodsMatchSelector(ni.pods, c.selector, ns);
    }
    return { values, counts };
  }

  private apply(c: Contribution, sign: 1 | -1): void {
    for (let i = 0; i < c.values.length; i++) {
      const value = c.values[i];
      if (value === undefined) continue;
      const totals = this.totals[i]!;
      let t = totals.get(value);
      if (!t) totals.set(value, (t = { nodes: 0, pods: 0 }));
      t.nodes += sign;
      t.pods += sign * c.counts[i]!;
      if (t.nodes === 0) totals.delete(value);
    }
  }
}

/** The counting rule: everything a node's contribution depends on besides the node itself. */
function ruleKey(pod: P, constraints: readonly SpreadConstraint[], requireAll: boolean, skipHostname: boolean): string {
  const affinity = constraints.some((c) => c.nodeAffinityHonor);
  const taints = constraints.some((c) => c.nodeTaintsHonor);
  return JSON.stringify([
    requireAll,
    skipHostname,
    pod.metadata?.namespace ?? '',
    constraints.map((c) => [c.topologyKey, c.selector.isNothing() ? null : c.selector.toString(), c.nodeAffinityHonor, c.nodeTaintsHonor]),
    affinity ? [pod.spec?.nodeSelector ?? null, pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null] : null,
    taints ? (pod.spec?.tolerations ?? null) : null,
  ]);
}

/**
 * Matching pods per node for one selector and namespace (Score's count for kubernetes.io/hostname constraints),
 * remembered per NodeInfo with what it was counted from: a node's pods are walked again only after they changed.
 */
export class NodeMatchCounts {
  private readonly memo = new WeakMap<NodeInfo, { pods: PodInfo[]; gen: number; count: number }>();

  constructor(
    private readonly selector: SpreadConstraint['selector'],
    private readonly namespace: string,
  ) {}

  count(ni: NodeInfo): number {
    const m = this.memo.get(ni);
    if (m && m.pods === ni.pods && m.gen === ni.generation) return m.count;
    const count = countPodsMatchSelector(ni.pods, this.selector, this.namespace);
    if (m) {
      m.pods = ni.pods;
      m.gen = ni.generation;
      m.count = count;
    } else this.memo.set(ni, { pods: ni.pods, gen: ni.generation, count });
    return count;
  }
}

export class TopologyCountsCache {
  /** Least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private readonly perNode = new Map<string, NodeMatchCounts>();

  constructor(
    private readonly maxEntries = 16,
    /** Where the nodes come from (the snapshot): its change tracking, when it has one, spares the walk. */
    private readonly lister?: () => NodeInfoLister,
  ) {}

  /**
   * Per constraint, topology value → matching pods, over the nodes that count for it (every value of such a node
   * is present, with 0 when no pod matches; empty for hostname constraints with `skipHostname`). The maps are the
   * caller's to change.
   */
  counts(
    pod: P,
    constraints: readonly SpreadConstraint[],
    nodes: readonly NodeInfo[],
    requireAll: boolean,
    skipHostname = false,
  ): Map<string, number>[] {
    const key = ruleKey(pod, constraints, requireAll, skipHostname);
    let e = this.entries.get(key);
    if (e) this.entries.delete(key);
    else e = new Entry(pod, constraints, requireAll, skipHostname);
    this.entries.set(key, e);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const lister = this.lister?.();
    e.sync(nodes, lister && lister.list() === nodes ? lister : undefined);
    return e.totals.map((totals) => {
      const m = new Map<string, number>();
      for (const [value, t] of totals) m.set(value, t.pods);
      return m;
    });
  }

  /** The per-node counter of a selector in a namespace (one per pair, least recently used dropped first). */
  nodeCounts(selector: SpreadConstraint['selector'], namespace: string): NodeMatchCounts {
    const key = JSON.stringify([namespace, selector.isNothing() ? null : selector.toString()]);
    let c = this.perNode.get(key);
    if (c) this.perNode.delete(key);
    else c = new NodeMatchCounts(selector, namespace);
    this.perNode.set(key, c);
    if (this.perNode.size > this.maxEntries) this.perNode.delete(this.perNode.keys().next().value!);
    return c;
  }

  get size(): number {
    return this.entries.size;
  }
}
