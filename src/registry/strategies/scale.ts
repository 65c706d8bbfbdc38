/**
 * The scale subresource mapping (autoscaling/v1 Scale) for workloads, and the selector text it reports:
 * upstream's label selector String() form, requirements sorted by key (`app=web,tier in (a,b),!canary`).
 */
import type { KObject, ScaleStrategy } from '../../apiserver/registry/resource.js';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: Requirement[];
}

function requirementString(r: Requirement): string {
  const values = [...(r.values ?? [])].sort();
  switch (r.operator) {
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'In':
      return `${r.key} in (${values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${values.join(',')})`;
    default:
      return `${r.key} ${r.operator} (${values.join(',')})`;
  }
}

/** A metav1.LabelSelector as text; `=` for matchLabels entries. Empty for a selector that selects everything. */
export function labelSelectorString(sel: SelectorLike | undefined): string {
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const r of sel?.matchExpressions ?? []) parts.push({ key: r.key, text: requirementString(r) });
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(',');
}

/** A ReplicationController's map selector as text (`app=web,tier=fe`). */
export const setSelectorString = (set: Record<string, string> | undefined): string =>
  labelSelectorString({ matchLabels: set ?? {} });

export function scaleStrategy(selectorOf: (obj: KObject) => string): ScaleStrategy {
  return {
    toScale: (obj) => ({
      replicas: obj.spec?.replicas ?? 1,
      statusReplicas: obj.status?.replicas ?? 0,
      selector: selectorOf(obj),
    }),
    setReplicas: (obj, replicas) => {
      obj.spec ??= {};
      obj.spec.replicas = replicas;
    },
  };
}

/** apps/v1 workloads: spec.selector is a LabelSelector. */
export const labelSelectorScale = scaleStrategy((obj) => labelSelectorString(obj.spec?.selector));
/** ReplicationControllers: spec.selector is a label map. */
export const mapSelectorScale = scaleStrategy((obj) => setSelectorString(obj.spec?.selector));
