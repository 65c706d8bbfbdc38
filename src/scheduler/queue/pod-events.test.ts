import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ActionType } from '../framework/interface.js';
import { makePod } from '../testing/wrappers.js';
import { isPodUpdated, mayHelpCrossTopology, podSchedulingPropertiesChange } from './pod-events.js';
import { newQueuedPodInfo } from './queued-pod.js';

const base = (): Pod => makePod('p').label('app', 'web').req({ cpu: '1' }).obj();
/** The pod with server-set fields writable (kubernetes-types marks them readonly). */
type Writable = { metadata: Record<string, unknown>; spec: NonNullable<Pod['spec']>; status: Record<string, unknown> };
const mut = (f: (p: Writable) => void): Pod => {
  const p = base();
  f(p as unknown as Writable);
  return p;
};

const updated: { name: string; pod: Pod; want: boolean }[] = [
  { name: 'identical', pod: base(), want: false },
  { name: 'resourceVersion only', pod: mut((p) => (p.metadata.resourceVersion = '42')), want: false },
  { name: 'status conditions only', pod: mut((p) => (p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] })), want: false },
  { name: 'managedFields and finalizers', pod: mut((p) => ((p.metadata.managedFields = [{ manager: 'x' }]), (p.metadata.finalizers = ['f']))), want: false },
  { name: 'a label', pod: mut((p) => (p.metadata.labels = { app: 'db' })), want: true },
  { name: 'an annotation', pod: mut((p) => (p.metadata.annotations = { a: 'b' })), want: true },
  { name: 'a toleration', pod: mut((p) => (p.spec.tolerations = [{ key: 'k', operator: 'Exists' }])), want: true },
  { name: 'scheduling gates removed', pod: mut((p) => (p.spec.schedulingGates = [])), want: true },
  { name: 'status.resourceClaimStatuses', pod: mut((p) => (p.status = { resourceClaimStatuses: [{ name: 'c' }] })), want: true },
];
for (const c of updated) {
  test(`isPodUpdated: ${c.name} → ${c.want}`, () => assert.equal(isPodUpdated(base(), c.pod), c.want));
}

const changes: { name: string; old: Pod; new: Pod; want: [string, number][] }[] = [
  { name: 'labels', old: base(), new: makePod('p').label('app', 'db').req({ cpu: '1' }).obj(), want: [['UnscheduledPod', ActionType.UpdatePodLabel]] },
  { name: 'scale down of a bound pod', old: makePod('p').node('n').req({ cpu: '2' }).obj(), new: makePod('p').node('n').req({ cpu: '1' }).obj(), want: [['AssignedPod', ActionType.UpdatePodScaleDown]] },
  { name: 'a removed request is a scale down', old: makePod('p').req({ cpu: '1', memory: '1Gi' }).obj(), new: makePod('p').req({ cpu: '1' }).obj(), want: [['UnscheduledPod', ActionType.UpdatePodScaleDown]] },
  { name: 'scale up is no scale down', old: makePod('p').req({ cpu: '1' }).obj(), new: makePod('p').req({ cpu: '2' }).obj(), want: [['UnscheduledPod', ActionType.Update]] },
  { name: 'gates eliminated', old: makePod('p').schedulingGate('g').obj(), new: makePod('p').obj(), want: [['UnscheduledPod', ActionType.UpdatePodSchedulingGatesEliminated]] },
  { name: 'toleration added + label', old: makePod('p').obj(), new: makePod('p').label('a', 'b').toleration({ key: 'k', operator: 'Exists' }).obj(), want: [['UnscheduledPod', ActionType.UpdatePodLabel], ['UnscheduledPod', ActionType.UpdatePodTolerations]] },
];
for (const c of changes) {
  test(`podSchedulingPropertiesChange: ${c.name}`, () => {
    assert.deepEqual(podSchedulingPropertiesChange(c.new, c.old).map((e) => [e.resource, e.actionType]), c.want);
  });
}

test('mayHelpCrossTopology: PodTopologySpread rejections always; affinity terms by selector and namespace', () => {
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' };
  const withAffinity = newQueuedPodInfo(makePod('w').podAffinity(term).obj(), 0);
  const withNsSelector = newQueuedPodInfo(makePod('w2').podAffinity({ ...term, namespaceSelector: { matchLabels: { team: 'a' } } }).obj(), 0);
  const antiOnly = newQueuedPodInfo(makePod('x').podAffinity(term, true).obj(), 0);
  const spread = newQueuedPodInfo(makePod('s').obj(), 0);
  spread.unschedulablePlugins.add('PodTopologySpread');
  const db = makePod('db').label('app', 'db').node('n1').obj();
  const dbElsewhere = makePod('db', 'other').label('app', 'db').node('n1').obj();
  const web = makePod('web').label('app', 'web').node('n1').obj();
  assert.equal(mayHelpCrossTopology(withAffinity, db, undefined), true);
  assert.equal(mayHelpCrossTopology(withAffinity, web, undefined), false);
  assert.equal(mayHelpCrossTopology(withAffinity, dbElsewhere, undefined), false, 'the term defaults to its own namespace');
  assert.equal(mayHelpCrossTopology(withNsSelector, dbElsewhere, { team: 'a' }), true);
  assert.equal(mayHelpCrossTopology(withNsSelector, dbElsewhere, { team: 'b' }), false);
  assert.equal(mayHelpCrossTopology(antiOnly, db, undefined), false, 'one more pod never satisfies anti-affinity');
  assert.equal(mayHelpCrossTopology(spread, web, undefined), true);
});
