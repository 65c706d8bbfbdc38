/**
 * The default plugins of a profile (upstream v1.33's getDefaultPlugins, all through multiPoint) and the merge of a
 * profile's own plugin sets into them (upstream's mergePlugins).
 *
 * Differences from upstream, on purpose: the in-tree cloud volume-limit plugins (EBSLimits, GCEPDLimits,
 * AzureDiskLimits), NodeVolumeLimits (CSI), VolumeZone and DynamicResources are not in the default set: k8ts does
 * not implement them (no CSINode objects, no cloud disks, no DRA).
 */
import { EXTENSION_POINTS, type PluginRef, type PluginSet, type Plugins } from './types.js';

/** The v1.33 default multiPoint set, in order; weights are the Score weights (absent = 1). */
export const DEFAULT_MULTI_POINT: readonly Readonly<PluginRef>[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'VolumeBinding' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

export function defaultPlugins(): Plugins {
  const p = {} as Plugins;
  for (const ep of EXTENSION_POINTS) p[ep] = { enabled: [], disabled: [] };
  p.multiPoint = { enabled: DEFAULT_MULTI_POINT.map((r) => ({ ...r })), disabled: [] };
  return p;
}

/** Merges a profile's plugin sets (possibly partial) into the defaults, point by point. */
export function mergePlugins(defaults: Plugins, custom: Partial<Record<keyof Plugins, Partial<PluginSet>>> | undefined): Plugins {
  if (!custom) return defaults;
  const out = {} as Plugins;
  for (const ep of Object.keys(defaults) as (keyof Plugins)[]) out[ep] = mergePluginSet(defaults[ep], custom[ep]);
  return out;
}

/**
 * One point (upstream's mergePluginSet): defaults minus the disabled ones (all of them for `*`), a default that the
 * custom set enables again is replaced in place (its new weight, its default position), then the custom plugins
 * that replaced nothing, in their order. The disabled list keeps both the custom and the default disables, so that
 * the framework's multiPoint expansion also skips them at this point.
 */
export function mergePluginSet(defaults: PluginSet, custom: Partial<PluginSet> | undefined): PluginSet {
  const customEnabled = custom?.enabled ?? [];
  const disabled = [...(custom?.disabled ?? []), ...defaults.disabled].map((p) => ({ name: p.name }));
  const disabledNames = new Set(disabled.map((p) => p.name));
  const customIndex = new Map<string, number>();
  customEnabled.forEach((p, i) => customIndex.set(p.name, i));
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabledNames.has('*')) {
    for (const d of defaults.enabled) {
      if (disabledNames.has(d.name)) continue;
      const i = customIndex.get(d.name);
      if (i === undefined) {
        enabled.push({ ...d });
      } else {
        enabled.push({ ...customEnabled[i]! });
        replaced.add(i);
      }
    }
  }
  customEnabled.forEach((p, i) => {
    if (!replaced.has(i)) enabled.push({ ...p });
  });
  return { enabled, disabled };
}
