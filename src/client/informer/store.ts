/**
 * The informer's local cache: objects by key (`namespace/name`) plus secondary indices (the namespace index always,
 * custom ones via `addIndexer`). Safe by design on one event loop: every method runs to completion without awaiting.
 *
 * Costs: `upsert`/`delete` are O(indexers × index values of the object); `byIndex` is O(matches); `list` is O(n).
 * Objects are stored as given and handed out as `Readonly` — never deep-frozen (150,000 pods), so callers must treat
 * them as immutable and clone before changing one (conventions 5).
 */
import type { KubeObject } from '../interface.js';
import { NAMESPACE_INDEX, keyOf, type IndexFunc } from './interface.js';

/** The namespace of an object ('' for cluster-scoped): the value of the namespace index. */
export const namespaceIndexFunc: IndexFunc<KubeObject> = (obj) => [obj.metadata?.namespace ?? ''];

const EMPTY: readonly never[] = Object.freeze([]);

export class IndexedStore<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  /** index name → its function and its index (index value → keys); also kept as an array for the hot loops. */
  private readonly indices = new Map<string, Index<T>>();
  private indexList: Index<T>[] = [];

  constructor() {
    this.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc as IndexFunc<T>);
  }

  get size(): number {
    return this.items.size;
  }

  /** Adds an index; may be called at any time (an index added to a filled store is built at once, O(n)). */
  addIndexer(name: string, fn: IndexFunc<T>): void {
    if (this.indices.has(name)) throw new Error(`indexer "${name}" already exists`);
    const idx: Index<T> = { fn, values: new Map() };
    this.indices.set(name, idx);
    this.indexList = [...this.indexList, idx];
    for (const [key, obj] of this.items) addToIndex(idx.values, fn(obj), key);
  }

  hasIndexer(name: string): boolean {
    return this.indices.has(name);
  }

  get(key: string): Readonly<T> | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Inserts or replaces the object under its key; returns the previous object, if any. */
  upsert(obj: T): Readonly<T> | undefined {
    const key = keyOf(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    for (const { fn, values } of this.indexList) {
      const next = fn(obj);
      if (old === undefined) {
        addToIndex(values, next, key);
        continue;
      }
      const prev = fn(old);
      if (sameValues(prev, next)) continue;
      removeFromIndex(values, prev, key);
      addToIndex(values, next, key);
    }
    return old;
  }

  /** Removes the object under `key`; returns it, or undefined when it was not there. */
  delete(key: string): Readonly<T> | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.items.delete(key);
    for (const { fn, values } of this.indexList) removeFromIndex(values, fn(old), key);
    return old;
  }

  keys(): IterableIterator<string> {
    return this.items.keys();
  }

  values(): IterableIterator<Readonly<T>> {
    return this.items.values();
  }

  /** Every object whose index function returned `value`; throws for an unknown index (a programming error). */
  byIndex(name: string, value: string): readonly Readonly<T>[] {
    const keys = this.indexKeys(name, value);
    if (keys.size === 0) return EMPTY;
    const out: Readonly<T>[] = [];
    for (const key of keys) out.push(this.items.get(key)!);
    return out;
  }

  /** The keys under one index value (a live view: do not keep it across changes). */
  indexKeys(name: string, value: string): ReadonlySet<string> {
    const idx = this.indices.get(name);
    if (!idx) throw new Error(`index "${name}" does not exist`);
    return idx.values.get(value) ?? EMPTY_SET;
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set<string>();

interface Index<T> {
  fn: IndexFunc<T>;
  values: Map<string, Set<string>>;
}

function addToIndex(index: Map<string, Set<string>>, values: string[], key: string): void {
  for (const v of values) {
    let set = index.get(v);
    if (!set) index.set(v, (set = new Set()));
    set.add(key);
  }
}

function removeFromIndex(index: Map<string, Set<string>>, values: string[], key: string): void {
  for (const v of values) {
    const set = index.get(v);
    if (!set) continue;
    set.delete(key);
    if (set.size === 0) index.delete(v);
  }
}

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
