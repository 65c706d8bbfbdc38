/**
 * A Lister over an IndexedStore. Objects are the cached ones, typed `Readonly` and shared by every reader: never
 * change one in place (clone it). `list(namespace)` uses the namespace index, so it costs O(objects in namespace); `list()` and `list('')` (upstream's
 * NamespaceAll) return every object.
 */
import type { KubeObject } from '../interface.js';
import { NAMESPACE_INDEX, type Lister } from './interface.js';
import type { IndexedStore } from './store.js';

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

export function createLister<T extends KubeObject>(store: IndexedStore<T>): Lister<T> {
  return {
    get: (namespace, name) => store.get(namespace ? `${namespace}/${name}` : name),
    list(namespace, labels) {
      const all = !namespace ? Array.from(store.values()) : store.byIndex(NAMESPACE_INDEX, namespace);
      if (!labels) return all;
      return all.filter((o) => labels(o.metadata?.labels ?? NO_LABELS));
    },
    byIndex: (index, value) => store.byIndex(index, value),
  };
}
