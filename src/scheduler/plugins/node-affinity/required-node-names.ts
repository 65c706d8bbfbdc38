/**
 * The node names a pod's required node affinity pins (upstream's NodeAffinity PreFilter): each term's
 * `metadata.name In` field requirements are ANDed (intersection), the terms ORed (union). A term without such a
 * requirement can match any node, so then nothing is pinned (undefined). An empty set means the terms conflict.
 * E.g. [{name In [a,b], name In [b,c]}, {name In [d]}] → {b, d}.
 */
import type { NodeSelectorTerm } from 'kubernetes-types/core/v1.js';
import { OBJECT_NAME_FIELD } from '../../../api/core/v1/helpers/node-affinity.js';

function termNodeNames(t: Readonly<NodeSelectorTerm>): Set<string> | undefined {
  let names: Set<string> | undefined;
  for (const r of t.matchFields ?? []) {
    if (r.key !== OBJECT_NAME_FIELD || r.operator !== 'In') continue;
    const s = new Set(r.values ?? []);
    names = names ? new Set([...names].filter((n) => s.has(n))) : s;
  }
  return names;
}

export function requiredNodeNames(terms: readonly Readonly<NodeSelectorTerm>[]): Set<string> | undefined {
  if (terms.length === 0) return undefined;
  const out = new Set<string>();
  for (const t of terms) {
    const names = termNodeNames(t);
    if (!names) return undefined;
    for (const n of names) out.add(n);
  }
  return out;
}
