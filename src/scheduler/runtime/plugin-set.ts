/**
 * Building a profile's plugins (upstream's NewFramework up to the run functions): every plugin named anywhere in
 * the profile is instantiated once from the registry (with its pluginConfig args), then each extension point gets
 * its list: first the plugins enabled at that point, then the multiPoint expansion, then the Score weights.
 *
 * multiPoint expansion, per point (upstream's expandMultiPointPlugins): skipped when the point disables `*`; a
 * multiPoint plugin that does not implement the point, or that the point disables, is left out; one that the point
 * also enables explicitly is an override (the explicit entry wins and moves to the front); the resulting order is
 * overrides, then multiPoint plugins, then the point's other explicit plugins.
 */
import type {
  BindPlugin,
  FilterPlugin,
  Handle,
  PermitPlugin,
  Plugin,
  PostBindPlugin,
  PostFilterPlugin,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  Registry,
  ReservePlugin,
  ScorePlugin,
} from '../framework/interface.js';
import { MAX_NODE_SCORE } from '../framework/interface.js';
import { EXTENSION_POINTS, type ExtensionPoint, type KubeSchedulerProfile, type PluginRef } from '../config/types.js';

export interface ExtensionPoints {
  preEnqueue: PreEnqueuePlugin[];
  queueSort: QueueSortPlugin[];
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  postFilter: PostFilterPlugin[];
  preScore: PreScorePlugin[];
  score: ScorePlugin[];
  reserve: ReservePlugin[];
  permit: PermitPlugin[];
  preBind: PreBindPlugin[];
  bind: BindPlugin[];
  postBind: PostBindPlugin[];
}

export interface PluginSet {
  points: ExtensionPoints;
  /** Every instantiated plugin by name. */
  plugins: Map<string, Plugin>;
  /** Score plugin → weight (≥ 1). */
  scoreWeights: Map<string, number>;
}

/** The method that marks a plugin as implementing a point, and upstream's interface name for messages. */
const POINT_METHOD: Record<ExtensionPoint, [method: string, iface: string]> = {
  preEnqueue: ['preEnqueue', 'PreEnqueuePlugin'],
  queueSort: ['less', 'QueueSortPlugin'],
  preFilter: ['preFilter', 'PreFilterPlugin'],
  filter: ['filter', 'FilterPlugin'],
  postFilter: ['postFilter', 'PostFilterPlugin'],
  preScore: ['preScore', 'PreScorePlugin'],
  score: ['score', 'ScorePlugin'],
  reserve: ['reserve', 'ReservePlugin'],
  permit: ['permit', 'PermitPlugin'],
  preBind: ['preBind', 'PreBindPlugin'],
  bind: ['bind', 'BindPlugin'],
  postBind: ['postBind', 'PostBindPlugin'],
};

export const implementsPoint = (p: Plugin, ep: ExtensionPoint): boolean =>
  typeof (p as unknown as Record<string, unknown>)[POINT_METHOD[ep][0]] === 'function';

/** Upstream's bound on the sum of weights × MaxNodeScore (MaxTotalScore = MaxInt64); kept exact in a double. */
const MAX_TOTAL_SCORE = Number.MAX_SAFE_INTEGER;

function instantiate(registry: Registry, profile: KubeSchedulerProfile, handle: Handle): Map<string, Plugin> {
  const needed: string[] = [];
  for (const set of Object.values(profile.plugins)) for (const p of set.enabled) if (!needed.includes(p.name)) needed.push(p.name);
  const args = new Map(profile.pluginConfig.map((c) => [c.name, c.args]));
  const plugins = new Map<string, Plugin>();
  for (const name of needed) {
    const factory = registry[name];
    if (!factory) continue; // reported with the extension point that names it
    try {
      plugins.set(name, factory(args.get(name), handle));
    } catch (e) {
      throw new Error(`initializing plugin ${JSON.stringify(name)}: ${(e as Error).message ?? String(e)}`);
    }
  }
  return plugins;
}

/** The plugins enabled explicitly at one point (upstream's updatePluginList). */
function explicitList(ep: ExtensionPoint, refs: readonly PluginRef[], plugins: Map<string, Plugin>): string[] {
  const [, iface] = POINT_METHOD[ep];
  const names: string[] = [];
  for (const ref of refs) {
    const p = plugins.get(ref.name);
    if (!p) throw new Error(`${iface} ${JSON.stringify(ref.name)} does not exist`);
    if (!implementsPoint(p, ep)) throw new Error(`plugin ${JSON.stringify(ref.name)} does not extend ${iface} plugin`);
    if (names.includes(ref.name)) throw new Error(`plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(iface)}`);
    names.push(ref.name);
  }
  return names;
}

function expandMultiPoint(ep: ExtensionPoint, profile: KubeSchedulerProfile, explicit: string[], plugins: Map<string, Plugin>): string[] {
  const disabled = new Set(profile.plugins[ep].disabled.map((p) => p.name));
  if (disabled.has('*')) return explicit;
  const [, iface] = POINT_METHOD[ep];
  const overrides: string[] = [];
  const multi: string[] = [];
  for (const ref of profile.plugins.multiPoint.enabled) {
    const p = plugins.get(ref.name);
    if (!p) throw new Error(`${iface} ${JSON.stringify(ref.name)} does not exist`);
    if (!implementsPoint(p, ep) || disabled.has(ref.name)) continue;
    if (explicit.includes(ref.name)) {
      if (!overrides.includes(ref.name)) overrides.push(ref.name);
      continue;
    }
    if (multi.includes(ref.name)) throw new Error(`plugin ${JSON.stringify(ref.name)} already registered as ${JSON.stringify(iface)}`);
    multi.push(ref.name);
  }
  return [...overrides, ...multi, ...explicit.filter((n) => !overrides.includes(n))];
}

/** Score weights: the score point's own weight wins over multiPoint's; 0 or absent means 1. */
function scoreWeights(profile: KubeSchedulerProfile, plugins: Map<string, Plugin>): Map<string, number> {
  const weights = new Map<string, number>();
  let total = 0;
  for (const ref of [...profile.plugins.score.enabled, ...profile.plugins.multiPoint.enabled]) {
    const p = plugins.get(ref.name);
    if (!p || !implementsPoint(p, 'score') || weights.has(ref.name)) continue;
    const w = ref.weight || 1;
    weights.set(ref.name, w);
    total += w * MAX_NODE_SCORE;
    if (total > MAX_TOTAL_SCORE) throw new Error('total score of Score plugins could overflow');
  }
  return weights;
}

export function buildPluginSet(registry: Registry, profile: KubeSchedulerProfile, handle: Handle): PluginSet {
  const plugins = instantiate(registry, profile, handle);
  const points = {} as Record<ExtensionPoint, Plugin[]>;
  for (const ep of EXTENSION_POINTS) {
    const explicit = explicitList(ep, profile.plugins[ep].enabled, plugins);
    const names = profile.plugins.multiPoint.enabled.length ? expandMultiPoint(ep, profile, explicit, plugins) : explicit;
    points[ep] = names.map((n) => plugins.get(n)!);
  }
  const name = JSON.stringify(profile.schedulerName);
  if (points.queueSort.length !== 1) {
    throw new Error(`only one queue sort plugin required for profile with scheduler name ${name}, but got ${points.queueSort.length}`);
  }
  if (points.bind.length === 0) throw new Error(`at least one bind plugin is needed for profile with scheduler name ${name}`);
  return { points: points as unknown as ExtensionPoints, plugins, scoreWeights: scoreWeights(profile, plugins) };
}
