/**
 * The SharedInformerFactory: one informer per (resource, namespace, selectors) per factory, so every controller of
 * a process shares one list+watch and one cache per resource.
 */
import { realClock, type Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import type { Client, KubeObject, ResourceRef } from '../interface.js';
import type { Informer, InformerOptions, SharedInformerFactory } from './interface.js';
import type { BackoffOptions } from './backoff.js';
import { SharedIndexInformer } from './shared-informer.js';

export interface SharedInformerFactoryOptions {
  clock?: Clock;
  /** Resync period of every informer (0 = off, the default). */
  resyncMs?: number;
  logger?: Logger;
  /** Tuning passed to every reflector (tests shorten these). */
  pageSize?: number;
  watchTimeoutSeconds?: number;
  minWatchMs?: number;
  backoff?: BackoffOptions;
}

export interface InformerFactory extends SharedInformerFactory {
  informerFor<T extends KubeObject = KubeObject>(r: ResourceRef, opts?: InformerOptions): SharedIndexInformer<T>;
}

const identity = (r: ResourceRef, o: InformerOptions): string =>
  JSON.stringify([r.group, r.version, r.resource, o.namespace ?? '', o.labelSelector ?? '', o.fieldSelector ?? '']);

export function createSharedInformerFactory(client: Client, opts: SharedInformerFactoryOptions = {}): InformerFactory {
  const informers = new Map<string, SharedIndexInformer<KubeObject>>();
  const started = new Set<SharedIndexInformer<KubeObject>>();
  let signal: AbortSignal | undefined;
  const log = opts.logger?.child({ component: 'informers' });

  const startOne = (inf: SharedIndexInformer<KubeObject>, s: AbortSignal): void => {
    if (started.has(inf) || s.aborted) return;
    started.add(inf);
    inf.run(s).catch((err: unknown) => log?.error('Informer stopped', { err }));
  };

  return {
    informerFor<T extends KubeObject>(r: ResourceRef, o: InformerOptions = {}): SharedIndexInformer<T> {
      const id = identity(r, o);
      let inf = informers.get(id);
      if (!inf) {
        inf = new SharedIndexInformer<KubeObject>(client, r, {
          clock: opts.clock ?? realClock,
          ...(opts.resyncMs !== undefined ? { resyncMs: opts.resyncMs } : {}),
          ...(log ? { logger: log.child({ resource: r.group ? `${r.resource}.${r.group}` : r.resource }) } : {}),
          ...pick(opts),
          ...o,
        });
        informers.set(id, inf);
        if (signal) startOne(inf, signal);
      }
      return inf as unknown as SharedIndexInformer<T>;
    },
    start(s: AbortSignal): void {
      signal = s;
      for (const inf of informers.values()) startOne(inf, s);
    },
    async waitForCacheSync(s: AbortSignal): Promise<boolean> {
      const results = await Promise.all([...started].map((inf) => inf.whenSynced(s)));
      return results.every(Boolean);
    },
  };
}

function pick(o: SharedInformerFactoryOptions): Partial<SharedInformerFactoryOptions> {
  const out: Partial<SharedInformerFactoryOptions> = {};
  if (o.pageSize !== undefined) out.pageSize = o.pageSize;
  if (o.watchTimeoutSeconds !== undefined) out.watchTimeoutSeconds = o.watchTimeoutSeconds;
  if (o.minWatchMs !== undefined) out.minWatchMs = o.minWatchMs;
  if (o.backoff !== undefined) out.backoff = o.backoff;
  return out;
}
