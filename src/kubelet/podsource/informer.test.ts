import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexFunc, Informer, ResourceEventHandler } from '../../client/informer/interface.js';
import type { PodObject } from '../types.js';
import { informerPodSource, NODE_NAME_INDEX } from './informer.js';

/** A minimal informer: the test drives its handlers; byIndex uses the registered index function. */
function stubInformer(items: PodObject[]) {
  const handlers: ResourceEventHandler<PodObject>[] = [];
  const indexers = new Map<string, IndexFunc<PodObject>>();
  const informer: Informer<PodObject> = {
    lister: { get: () => undefined, list: () => items, byIndex: (i, v) => items.filter((p) => indexers.get(i)!(p).includes(v)) },
    addEventHandler: (h) => handlers.push(h),
    addIndexer: (n, fn) => indexers.set(n, fn),
    hasSynced: () => true,
  };
  return { informer, handlers, indexers };
}

const pod = (name: string, nodeName?: string): PodObject => ({ metadata: { name, namespace: 'ns', uid: name }, spec: { nodeName, containers: [] } });

test('events are routed to the kubelet of the pod node; unbound pods go nowhere', () => {
  const { informer, handlers, indexers } = stubInformer([pod('a', 'n1'), pod('b', 'n2'), pod('c')]);
  const source = informerPodSource(informer);
  assert.ok(indexers.has(NODE_NAME_INDEX));
  const seen: string[] = [];
  source.subscribe('n1', { onUpsert: (p) => seen.push(`up:${p.metadata?.name}`), onDelete: (p) => seen.push(`del:${p.metadata?.name}`) });
  assert.throws(() => source.subscribe('n1', { onUpsert() {}, onDelete() {} }), /already has a kubelet/);
  const h = handlers[0]!;
  h.onAdd!(pod('a', 'n1'));
  h.onAdd!(pod('b', 'n2'));
  h.onAdd!(pod('c'));
  h.onUpdate!(pod('c'), pod('c', 'n1'));
  h.onDelete!(pod('a', 'n1'));
  assert.deepEqual(seen, ['up:a', 'up:c', 'del:a']);
  assert.deepEqual(source.list('n2').map((p) => p.metadata?.name), ['b']);
});
