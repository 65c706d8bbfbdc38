/**
 * A PodSource over a shared pod informer: one list+watch for every kubelet of the process, indexed by
 * spec.nodeName, its events dispatched to the subscribed node's handler. A lone kubelet uses the same code with an
 * informer restricted by `fieldSelector: spec.nodeName=<node>`.
 */
import type { Informer } from '../../client/informer/interface.js';
import type { PodObject, PodSource, PodSourceHandler } from '../types.js';

export const NODE_NAME_INDEX = 'spec.nodeName';

/** Call before the informer starts (indexers must be added first). */
export function informerPodSource(informer: Informer<PodObject>): PodSource {
  const handlers = new Map<string, PodSourceHandler>();
  informer.addIndexer(NODE_NAME_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  const route = (p: Readonly<PodObject>) => (p.spec?.nodeName ? handlers.get(p.spec.nodeName) : undefined);
  informer.addEventHandler({
    onAdd: (p) => route(p)?.onUpsert(p),
    onUpdate: (old, cur) => {
      const h = route(cur);
      if (h) h.onUpsert(cur);
      else if (old.spec?.nodeName) handlers.get(old.spec.nodeName)?.onDelete(old);
    },
    onDelete: (p) => route(p)?.onDelete(p),
  });
  return {
    list: (nodeName) => informer.lister.byIndex(NODE_NAME_INDEX, nodeName),
    subscribe(nodeName, handler) {
      if (handlers.has(nodeName)) throw new Error(`pod source: node ${nodeName} already has a kubelet`);
      handlers.set(nodeName, handler);
      return () => handlers.delete(nodeName);
    },
    hasSynced: () => informer.hasSynced(),
  };
}
