/**
 * InterPodAffinityArgs (kubescheduler.config.k8s.io/v1): hardPodAffinityWeight scores nodes for existing pods whose
 * *required* affinity matches the incoming pod (0 turns that off; default 1, valid 0–100);
 * ignorePreferredTermsOfExistingPods skips scoring when the incoming pod has no preferred terms of its own.
 */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

export const DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;
export const MIN_HARD_POD_AFFINITY_WEIGHT = 0;
export const MAX_HARD_POD_AFFINITY_WEIGHT = 100;

export type DefaultedInterPodAffinityArgs = Required<InterPodAffinityArgs>;

/** Upstream's SetDefaults_InterPodAffinityArgs. */
export function defaultInterPodAffinityArgs(args: InterPodAffinityArgs | undefined): DefaultedInterPodAffinityArgs {
  return {
    hardPodAffinityWeight: args?.hardPodAffinityWeight ?? DEFAULT_HARD_POD_AFFINITY_WEIGHT,
    ignorePreferredTermsOfExistingPods: args?.ignorePreferredTermsOfExistingPods ?? false,
  };
}

/** Upstream's ValidateInterPodAffinityArgs: the field errors, empty when valid. */
export function validateInterPodAffinityArgs(args: DefaultedInterPodAffinityArgs): string[] {
  const w = args.hardPodAffinityWeight;
  if (!Number.isInteger(w) || w < MIN_HARD_POD_AFFINITY_WEIGHT || w > MAX_HARD_POD_AFFINITY_WEIGHT) {
    return [
      `hardPodAffinityWeight: Invalid value: ${JSON.stringify(w)}: not in valid range [${MIN_HARD_POD_AFFINITY_WEIGHT}-${MAX_HARD_POD_AFFINITY_WEIGHT}]`,
    ];
  }
  return [];
}
