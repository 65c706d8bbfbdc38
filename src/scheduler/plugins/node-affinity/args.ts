/**
 * NodeAffinityArgs (kubescheduler.config.k8s.io/v1): `addedAffinity`, a node affinity that every pod of the profile
 * must also satisfy (its required terms) and is also scored by (its preferred terms). There are no defaults;
 * validation is upstream's ValidateNodeAffinityArgs: both parts must parse.
 */
import type { NodeAffinity as NodeAffinitySpec } from 'kubernetes-types/core/v1.js';
import { NodeSelectorMatcher, PreferredSchedulingTerms } from '../../../api/core/v1/helpers/node-affinity.js';

export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinitySpec;
}

/** `raw` is the pluginConfig args as decoded (possibly undefined). */
export function defaultNodeAffinityArgs(raw: unknown): NodeAffinityArgs {
  const a = (raw ?? {}) as Partial<NodeAffinityArgs>;
  return a.addedAffinity ? { addedAffinity: a.addedAffinity } : {};
}

/** Field errors with their paths; empty when valid. */
export function validateNodeAffinityArgs(args: NodeAffinityArgs): string[] {
  const a = args.addedAffinity;
  if (!a) return [];
  const errs: string[] = [];
  const req = a.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const p = 'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution';
    errs.push(...NodeSelectorMatcher.parse(req).errors.map((e) => `${p}.${e}`));
  }
  const pref = a.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (pref.length > 0) {
    const p = 'addedAffinity.preferredDuringSchedulingIgnoredDuringExecution';
    errs.push(...PreferredSchedulingTerms.tryParse(pref).errors.map((e) => `${p}${e}`));
  }
  return errs;
}
