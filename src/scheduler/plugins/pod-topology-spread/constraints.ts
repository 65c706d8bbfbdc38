/**
 * A pod's topology spread constraints as the plugin uses them (upstream's common.go): selectors parsed once,
 * matchLabelKeys merged into the selector, minDomains defaulted to 1, nodeAffinityPolicy to Honor and
 * nodeTaintsPolicy to Ignore; and the counting rules shared by Filter and Score.
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { findMatchingUntoleratedTaint, doNotScheduleTaintsFilter } from '../../../api/core/v1/helpers/taints.js';
import { RequiredNodeAffinity } from '../../../api/core/v1/helpers/node-affinity.js';
import { labelSelectorAsSelector, matchesRequirement, selectorFromSet, type Labels, type Selector } from '../../../machinery/labels/index.js';
import type { N, P, PodInfo } from '../../framework/types.js';

export type UnsatisfiableAction = 'DoNotSchedule' | 'ScheduleAnyway';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  /** Honor: only nodes matching the pod's nodeSelector/required node affinity count. */
  nodeAffinityHonor: boolean;
  /** Honor: only nodes whose NoSchedule/NoExecute taints the pod tolerates count. */
  nodeTaintsHonor: boolean;
}

/**
 * The label value, undefined when the labels do not have the key. Label values are strings, so the typeof check
 * also rejects what an object inherits (`constructor`, `__proto__`) without a slower hasOwnProperty call.
 */
export function labelValue(labels: Labels | undefined, key: string): string | undefined {
  if (labels === undefined) return undefined;
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}

/** The pod's values of matchLabelKeys ANDed with the selector (a selector that matches nothing stays so). */
function mergeMatchLabelKeys(selector: Selector, keys: readonly string[] | undefined, podLabels: Labels | undefined): Selector {
  if (!keys?.length || selector.isNothing()) return selector;
  const set: Record<string, string> = {};
  for (const k of keys) {
    const v = labelValue(podLabels, k);
    if (v !== undefined) set[k] = v;
  }
  if (Object.keys(set).length === 0) return selector;
  return selectorFromSet(set).add(...selector.requirements);
}

/**
 * The constraints with the given whenUnsatisfiable, converted (upstream's filterTopologySpreadConstraints).
 * Throws when a labelSelector is invalid (the API server's validation keeps such pods out).
 */
export function filterConstraints(
  constraints: readonly TopologySpreadConstraint[] | undefined,
  podLabels: Labels | undefined,
  action: UnsatisfiableAction,
): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of constraints ?? []) {
    if (c.whenUnsatisfiable !== action) continue;
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: mergeMatchLabelKeys(labelSelectorAsSelector(c.labelSelector), c.matchLabelKeys, podLabels),
      minDomains: c.minDomains ?? 1,
      nodeAffinityHonor: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      nodeTaintsHonor: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

/** Whether the node has every topology key of the constraints. */
export function nodeLabelsMatchSpreadConstraints(nodeLabels: Labels | undefined, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (labelValue(nodeLabels, c.topologyKey) === undefined) return false;
  return true;
}

/**
 * Whether a node counts for a constraint under its nodeAffinityPolicy and nodeTaintsPolicy. Built once per walk
 * over the nodes, reset per node and asked per constraint: the node affinity and the taints are checked at most
 * once per node, and not at all when no constraint honours them.
 */
export class NodeInclusion {
  /** Undefined when the pod has neither nodeSelector nor required node affinity (every node matches). */
  private readonly affinity: RequiredNodeAffinity | undefined;
  private node: N | undefined;
  private affinityMatch: boolean | undefined;
  private taintsTolerated: boolean | undefined;

  constructor(private readonly pod: P) {
    const hasSelector = Object.keys(pod.spec?.nodeSelector ?? {}).length > 0;
    const hasAffinity = !!pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.affinity = hasSelector || hasAffinity ? new RequiredNodeAffinity(pod) : undefined;
  }

  /** Moves on to the next node (one object serves the whole walk over the snapshot). */
  reset(node: N): this {
    this.node = node;
    this.affinityMatch = this.affinity ? undefined : true;
    this.taintsTolerated = undefined;
    return this;
  }

  matches(c: SpreadConstraint): boolean {
    if (c.nodeAffinityHonor && !(this.affinityMatch ??= this.affinity!.match(this.node!))) return false;
    if (c.nodeTaintsHonor && !(this.taintsTolerated ??= this.tolerated())) return false;
    return true;
  }

  private tolerated(): boolean {
    return !findMatchingUntoleratedTaint(this.node!.spec?.taints, this.pod.spec?.tolerations, doNotScheduleTaintsFilter);
  }
}

/**
 * Pods of `namespace` matching the selector, terminating pods excluded. As upstream, a selector with no
 * requirements (an empty labelSelector) counts nothing.
 */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: Selector, namespace: string): number {
  if (selector.isEverything() || selector.isNothing()) return 0;
  let n = 0;
  for (const { pod } of pods) {
    const m = pod.metadata;
    if (m?.deletionTimestamp || (m?.namespace ?? '') !== namespace) continue;
    if (matchesAll(selector, m?.labels)) n++;
  }
  return n;
}

/** Selector.matches without its per-call closure, for loops over every pod of the snapshot. */
export function matchesAll(selector: Selector, labels: Labels | undefined): boolean {
  if (selector.isNothing()) return false;
  const ls = labels ?? EMPTY;
  for (const r of selector.requirements) if (!matchesRequirement(r, ls)) return false;
  return true;
}

const EMPTY: Labels = Object.freeze({});

/** Whether the labels match the selector of any constraint. */
export const podLabelsMatchSpreadConstraints = (constraints: readonly SpreadConstraint[], labels: Labels | undefined): boolean =>
  constraints.some((c) => c.selector.matches(labels));
