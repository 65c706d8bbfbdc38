/**
 * Upstream's defaulting of KubeSchedulerConfiguration v1 (SetDefaults_KubeSchedulerConfiguration and
 * setDefaults_KubeSchedulerProfile): one `default-scheduler` profile when there is none, the default plugins merged
 * into each profile, a defaulted pluginConfig entry for every enabled plugin that has args, and the scalar defaults
 * (parallelism 16, percentageOfNodesToScore 0 = adaptive, backoff 1 s → 10 s, leader election on the Lease
 * kube-system/kube-scheduler with 15 s / 10 s / 2 s).
 */
import { defaultPlugins, mergePlugins } from './default-plugins.js';
import { defaultPluginArgs, hasArgs } from './plugin-args.js';
import {
  CONFIG_API_VERSION,
  CONFIG_KIND,
  DEFAULT_SCHEDULER_NAME,
  type KubeSchedulerConfiguration,
  type KubeSchedulerProfile,
  type PluginConfig,
  type PluginSet,
  type Plugins,
} from './types.js';

/** A decoded (decode.ts) document: the v1 fields, each optional. */
export interface RawProfile {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Partial<Record<keyof Plugins, Partial<PluginSet>>>;
  pluginConfig?: { name: string; args?: Record<string, unknown> }[];
}

export interface RawConfiguration {
  parallelism?: number;
  leaderElection?: Partial<KubeSchedulerConfiguration['leaderElection']>;
  clientConnection?: Partial<KubeSchedulerConfiguration['clientConnection']>;
  enableProfiling?: boolean;
  enableContentionProfiling?: boolean;
  percentageOfNodesToScore?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  delayCacheUntilActive?: boolean;
  profiles?: RawProfile[];
}

/** Leaves only the args' own fields (apiVersion/kind are the decoder's business). */
function stripTypeMeta(args: Record<string, unknown> | undefined): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, ...rest } = args ?? {};
  return rest;
}

function enabledNames(plugins: Plugins): string[] {
  const names = new Set<string>();
  for (const set of Object.values(plugins)) for (const p of set.enabled) names.add(p.name);
  return [...names].sort();
}

export function defaultProfile(raw: RawProfile, schedulerName: string): KubeSchedulerProfile {
  const plugins = mergePlugins(defaultPlugins(), raw.plugins);
  const pluginConfig: PluginConfig[] = (raw.pluginConfig ?? []).map((c) => ({
    name: c.name,
    args: defaultPluginArgs(c.name, stripTypeMeta(c.args)),
  }));
  const configured = new Set(pluginConfig.map((c) => c.name));
  for (const name of enabledNames(plugins)) {
    if (!configured.has(name) && hasArgs(name)) pluginConfig.push({ name, args: defaultPluginArgs(name) });
  }
  const p: KubeSchedulerProfile = { schedulerName, plugins, pluginConfig };
  if (raw.percentageOfNodesToScore !== undefined && raw.percentageOfNodesToScore !== null) {
    p.percentageOfNodesToScore = raw.percentageOfNodesToScore;
  }
  return p;
}

export function setDefaults(raw: RawConfiguration = {}): KubeSchedulerConfiguration {
  const rawProfiles = raw.profiles?.length ? raw.profiles : [{}];
  // Only a single profile gets the default name; validation wants every name of several profiles set.
  const single = rawProfiles.length === 1;
  const profiles = rawProfiles.map((p) => defaultProfile(p, p.schedulerName ?? (single ? DEFAULT_SCHEDULER_NAME : '')));
  const enableProfiling = raw.enableProfiling ?? true;
  return {
    apiVersion: CONFIG_API_VERSION,
    kind: CONFIG_KIND,
    parallelism: raw.parallelism ?? 16,
    leaderElection: {
      leaderElect: true,
      leaseDuration: '15s',
      renewDeadline: '10s',
      retryPeriod: '2s',
      resourceLock: 'leases',
      resourceName: 'kube-scheduler',
      resourceNamespace: 'kube-system',
      ...definedOnly(raw.leaderElection),
    },
    clientConnection: {
      kubeconfig: '',
      acceptContentTypes: '',
      contentType: 'application/vnd.kubernetes.protobuf',
      qps: 50,
      burst: 100,
      ...definedOnly(raw.clientConnection),
    },
    enableProfiling,
    enableContentionProfiling: raw.enableContentionProfiling ?? enableProfiling,
    percentageOfNodesToScore: raw.percentageOfNodesToScore ?? 0,
    podInitialBackoffSeconds: raw.podInitialBackoffSeconds ?? 1,
    podMaxBackoffSeconds: raw.podMaxBackoffSeconds ?? 10,
    delayCacheUntilActive: raw.delayCacheUntilActive ?? false,
    profiles,
  };
}

/** The fields of `o` that are set (YAML `key:` decodes to null, which means "unset"; so do 0 qps/burst upstream). */
function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o ?? {})) {
    if (v === null || v === undefined || v === '' || ((k === 'qps' || k === 'burst') && v === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
