/**
 * Joins the catalog (identity), the strategies (defaults, validation), the table columns and the
 * resource-specific hooks and subresources into the ResourceDefinitions the API server serves.
 */
import type { Store } from '../storage/interface.js';
import type { ResourceDefinition, ScaleStrategy, StatusStrategy, Strategy } from '../apiserver/registry/resource.js';
import type { SubresourceHandler, UpgradeSubresourceHandler } from '../apiserver/handlers/types.js';
import { tableConvertorFor } from '../api/tables.js';
import { CATALOG, STANDARD_VERBS, type CatalogEntry } from '../api/catalog.js';
import type { ResourceInfo } from '../apiserver/registry/resource.js';
import { finalizeNamespace, namespaceHooks } from './core/namespace/hooks.js';
import { podHooks } from './core/pod/hooks.js';
import { podSubresources, podUpgradeSubresources } from './core/pod/subresources.js';
import type { KubeletClientConfig } from './core/pod/kubelet-connection.js';
import { serviceHooks, type ServiceRanges } from './core/service/hooks.js';

export interface StrategySet {
  strategy: Omit<Strategy, 'table'>;
  status?: StatusStrategy;
  scale?: ScaleStrategy;
}

export interface RegistryOptions {
  store: Store;
  strategies: Readonly<Record<string, StrategySet>>;
  serviceRanges?: ServiceRanges;
}

/** A strategy of last resort: no defaults, no validation beyond what the generic store does. */
const FALLBACK: StrategySet = { strategy: { validate: () => [], tracksGeneration: false } };

const POD_STREAMS = ['attach', 'exec', 'log', 'portforward', 'proxy'];

function extraSubresources(c: CatalogEntry): ResourceDefinition['extraSubresources'] {
  if (c.group === '' && c.resource === 'pods') {
    return [
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      ...POD_STREAMS.map((name) => ({ name, kind: name === 'log' ? 'Pod' : 'PodProxyOptions', verbs: name === 'log' ? ['get'] : ['create', 'get'] })),
    ];
  }
  if (c.group === '' && c.resource === 'namespaces') return [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }];
  return undefined;
}

export const infoOf = (c: CatalogEntry): ResourceInfo => ({
  group: c.group,
  version: c.version,
  resource: c.resource,
  singular: c.singular,
  kind: c.kind,
  listKind: `${c.kind}List`,
  namespaced: c.namespaced,
  ...(c.shortNames ? { shortNames: c.shortNames } : {}),
  ...(c.categories ? { categories: c.categories } : {}),
  verbs: c.verbs ?? STANDARD_VERBS,
});

export function buildDefinitions(opts: RegistryOptions): ResourceDefinition[] {
  return CATALOG.map((c) => {
    const set = opts.strategies[`${c.group}/${c.resource}`] ?? FALLBACK;
    const def: ResourceDefinition = {
      info: infoOf(c),
      strategy: { ...set.strategy, table: tableConvertorFor(c.group, c.kind) },
    };
    if (c.status) def.status = set.status ?? {};
    if (c.scale && set.scale) def.scale = set.scale;
    const extra = extraSubresources(c);
    if (extra) def.extraSubresources = extra;
    if (c.group === '' && c.resource === 'namespaces') def.hooks = namespaceHooks;
    if (c.group === '' && c.resource === 'pods') def.hooks = podHooks;
    if (c.group === '' && c.resource === 'services') def.hooks = serviceHooks(opts.store, opts.serviceRanges);
    return def;
  });
}

/** Handlers of subresources beyond status and scale, keyed `<group>/<resource>/<subresource>`. */
export function subresourceHandlers(kubelet?: KubeletClientConfig): Map<string, SubresourceHandler> {
  const m = new Map<string, SubresourceHandler>();
  for (const [name, h] of Object.entries(podSubresources(kubelet))) m.set(`/pods/${name}`, h);
  m.set('/namespaces/finalize', finalizeNamespace);
  return m;
}

/** Handlers of upgrade requests (pods/exec, attach, portforward), keyed as subresourceHandlers. */
export function upgradeSubresourceHandlers(kubelet?: KubeletClientConfig): Map<string, UpgradeSubresourceHandler> {
  return new Map(Object.entries(podUpgradeSubresources(kubelet)).map(([name, h]) => [`/pods/${name}`, h]));
}
