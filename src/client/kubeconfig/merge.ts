/**
 * Pure merge and removal of one named context (with its cluster and user entries, all under the same name) in a
 * kubeconfig; every other entry is kept in place.
 */
import type { Kubeconfig, NamedAuthInfo, NamedCluster, NamedContext } from './types.js';

function upsert<T extends { name: string }>(list: T[], entry: T): T[] {
  const i = list.findIndex((e) => e.name === entry.name);
  return i < 0 ? [...list, entry] : list.map((e, j) => (j === i ? entry : e));
}

/**
 * Copies the current context of `from` (with its cluster and user) into `into` as entries named `name`, and
 * makes it the current context.
 */
export function mergeContext(into: Kubeconfig, from: Kubeconfig, name: string): Kubeconfig {
  const ctx = from.contexts.find((c) => c.name === from['current-context']) ?? from.contexts[0];
  if (!ctx) throw new Error('source kubeconfig has no context');
  const cluster = from.clusters.find((c) => c.name === ctx.context.cluster);
  const user = from.users.find((u) => u.name === ctx.context.user);
  if (!cluster || !user) throw new Error(`source context "${ctx.name}" names a missing cluster or user`);
  const c: NamedCluster = { name, cluster: structuredClone(cluster.cluster) };
  const u: NamedAuthInfo = { name, user: structuredClone(user.user) };
  const x: NamedContext = { name, context: { ...structuredClone(ctx.context), cluster: name, user: name } };
  return {
    ...into,
    clusters: upsert(into.clusters, c),
    users: upsert(into.users, u),
    contexts: upsert(into.contexts, x),
    'current-context': name,
  };
}

/** Removes the context, cluster and user named `name`; unsets current-context if it pointed there. */
export function removeContext(cfg: Kubeconfig, name: string): { config: Kubeconfig; removed: boolean } {
  const without = <T extends { name: string }>(list: T[]) => list.filter((e) => e.name !== name);
  const removed = [cfg.clusters, cfg.users, cfg.contexts].some((l) => l.some((e) => e.name === name));
  const config: Kubeconfig = { ...cfg, clusters: without(cfg.clusters), users: without(cfg.users), contexts: without(cfg.contexts) };
  if (config['current-context'] === name) delete config['current-context'];
  return { config, removed: removed || cfg['current-context'] === name };
}
