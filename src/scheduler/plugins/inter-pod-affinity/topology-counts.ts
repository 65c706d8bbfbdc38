/**
 * Counts per topology pair (upstream's topologyToMatchedTermCount), kept as key → value → count so that Filter
 * looks a node up without building a pair string per node. A pair whose count falls to zero is removed, so the
 * map holds only non-zero pairs (AddPod/RemovePod from preemption move counts both ways).
 */
import type { Labels } from '../../../machinery/labels/index.js';

/**
 * The value of a node label, undefined when the node does not have it. Label values are strings, so the typeof
 * check also rejects inherited properties (`constructor`) without a slower hasOwnProperty call.
 */
export function labelValue(labels: Labels | undefined, key: string): string | undefined {
  if (labels === undefined) return undefined;
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}

export class TopologyCounts {
  private readonly byKey = new Map<string, Map<string, number>>();

  /** Adds delta to the pair (key, the node's value of key); a node without the key is not counted. */
  update(nodeLabels: Labels | undefined, key: string, delta: number): void {
    const value = labelValue(nodeLabels, key);
    if (value === undefined) return;
    let values = this.byKey.get(key);
    if (!values) this.byKey.set(key, (values = new Map()));
    const n = (values.get(value) ?? 0) + delta;
    if (n !== 0) {
      values.set(value, n);
      return;
    }
    values.delete(value);
    if (values.size === 0) this.byKey.delete(key);
  }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** The count of the node's pair for key; 0 when the node does not have the key. */
  forNode(nodeLabels: Labels | undefined, key: string): number {
    const value = labelValue(nodeLabels, key);
    return value === undefined ? 0 : this.get(key, value);
  }

  /** Whether any pair of the node's labels has a positive count. */
  anyPositive(nodeLabels: Labels | undefined): boolean {
    for (const [key, values] of this.byKey) {
      const value = labelValue(nodeLabels, key);
      if (value !== undefined && (values.get(value) ?? 0) > 0) return true;
    }
    return false;
  }

  get size(): number {
    return this.byKey.size;
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [key, values] of this.byKey) c.byKey.set(key, new Map(values));
    return c;
  }

  /** `key=value: count` entries, sorted: for tests and logs. */
  entries(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, values] of [...this.byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const [value, n] of [...values].sort(([a], [b]) => (a < b ? -1 : 1))) out[`${key}=${value}`] = n;
    }
    return out;
  }
}
