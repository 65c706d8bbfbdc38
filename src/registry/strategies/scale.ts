/**
 * The scale subresource mapping (autoscaling/v1 Scale) for workloads, and the selector text it reports:
 * upstream's label selector String() form, requirements sorted by key (`app=web,tier in (a,b),!canary`).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { KObject, ScaleStrategy } from '../../apiserver/registry/resource.js';
import { labelSelectorAsString } from '../../machinery/labels/index.js';

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A metav1.LabelSelector as its canonical text (machinery/labels); empty when it selects everything or is invalid. */
export function labelSelectorString(sel: SelectorLike | undefined): string {
  try {
    return labelSelectorAsString(sel as LabelSelector | undefined);
  } catch {
    return '';
  }
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
