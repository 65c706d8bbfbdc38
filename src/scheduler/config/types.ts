/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) as the scheduler uses it after defaulting: the same
 * field names as the upstream YAML, every optional field filled in (see defaults.ts), durations kept as Go duration
 * strings ("15s") the way the file spells them (parse them with `durationMs`).
 */

export const CONFIG_GROUP = 'kubescheduler.config.k8s.io';
export const CONFIG_API_VERSION = `${CONFIG_GROUP}/v1`;
export const CONFIG_KIND = 'KubeSchedulerConfiguration';
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** The extension points a profile configures, in the order of a scheduling + binding cycle. */
export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export interface PluginRef {
  name: string;
  /** Score weight; only meaningful at score and multiPoint (0 or absent = 1). */
  weight?: number;
}

export interface PluginSet {
  enabled: PluginRef[];
  /** `*` disables every default plugin of the point. */
  disabled: PluginRef[];
}

/** A plugin set per extension point, plus multiPoint (enables a plugin at every point it implements). */
export type Plugins = Record<ExtensionPoint | 'multiPoint', PluginSet>;

export interface PluginConfig {
  name: string;
  /** The plugin's args (e.g. NodeResourcesFitArgs), defaulted; apiVersion/kind removed. */
  args: Record<string, unknown>;
}

export interface KubeSchedulerProfile {
  schedulerName: string;
  /** Overrides the global percentageOfNodesToScore for this profile when set. */
  percentageOfNodesToScore?: number;
  plugins: Plugins;
  pluginConfig: PluginConfig[];
}

export interface LeaderElectionConfiguration {
  leaderElect: boolean;
  leaseDuration: string;
  renewDeadline: string;
  retryPeriod: string;
  resourceLock: string;
  resourceName: string;
  resourceNamespace: string;
}

export interface ClientConnectionConfiguration {
  kubeconfig: string;
  acceptContentTypes: string;
  contentType: string;
  qps: number;
  burst: number;
}

export interface KubeSchedulerConfiguration {
  apiVersion: typeof CONFIG_API_VERSION;
  kind: typeof CONFIG_KIND;
  /** Informative here (one thread); kept for config compatibility. */
  parallelism: number;
  leaderElection: LeaderElectionConfiguration;
  clientConnection: ClientConnectionConfiguration;
  enableProfiling: boolean;
  enableContentionProfiling: boolean;
  /** 0 = adaptive (50% − nodes/125, at least 5%). */
  percentageOfNodesToScore: number;
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
  delayCacheUntilActive: boolean;
  profiles: KubeSchedulerProfile[];
}

/** An empty plugin set per point. */
export function emptyPlugins(): Plugins {
  const p = {} as Plugins;
  for (const ep of [...EXTENSION_POINTS, 'multiPoint'] as const) p[ep] = { enabled: [], disabled: [] };
  return p;
}
