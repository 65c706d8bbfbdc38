/**
 * Defaults of the in-tree plugins' args (upstream's SetDefaults_<Plugin>Args of kubescheduler.config.k8s.io/v1).
 * A plugin that has an args type gets a pluginConfig entry with the defaults when the profile has none, and given
 * args are completed field by field. Plugins validate their own args when they are built (their factories) and may
 * default again: these functions are idempotent.
 */

type Args = Record<string, unknown>;
type ResourceSpec = { name?: string; weight?: number };

const defaultResources = (): ResourceSpec[] => [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** A resource list with weight 0/absent turned into 1, or the cpu+memory default when empty. */
function resourcesWithWeights(list: unknown): ResourceSpec[] {
  if (!Array.isArray(list) || list.length === 0) return defaultResources();
  return (list as ResourceSpec[]).map((r) => ({ ...r, weight: r.weight || 1 }));
}

const ARGS_DEFAULTS: Record<string, (a: Args) => Args> = {
  DefaultPreemption: (a) => ({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100, ...a }),
  InterPodAffinity: (a) => ({ hardPodAffinityWeight: 1, ...a }),
  NodeAffinity: (a) => ({ ...a }),
  NodeResourcesBalancedAllocation: (a) => ({ ...a, resources: resourcesWithWeights(a.resources) }),
  NodeResourcesFit: (a) => {
    const s = (a.scoringStrategy ?? { type: 'LeastAllocated' }) as Args;
    return { ...a, scoringStrategy: { ...s, resources: resourcesWithWeights(s.resources) } };
  },
  PodTopologySpread: (a) => ({ ...a, defaultingType: a.defaultingType || 'System' }),
  VolumeBinding: (a) => ({ bindTimeoutSeconds: 600, ...a }),
};

/** Whether the plugin has an args type (and so a default pluginConfig entry). */
export const hasArgs = (plugin: string): boolean => plugin in ARGS_DEFAULTS;

/** The args with upstream's defaults filled in; args of out-of-tree plugins are returned as given. */
export function defaultPluginArgs(plugin: string, args: Args = {}): Args {
  const fn = ARGS_DEFAULTS[plugin];
  return fn ? fn(args) : args;
}
