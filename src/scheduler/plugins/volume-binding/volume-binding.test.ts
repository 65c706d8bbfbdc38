import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';
import { FakeInformerFactory } from '../../../client/fake/index.js';
import { PVCS } from '../../../client/resources.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { NodeInfo } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import {
  ANN_BIND_COMPLETED,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
  ERR_REASON_UNBOUND_IMMEDIATE,
  factory,
  NAME,
  PERSISTENT_VOLUMES,
  STORAGE_CLASSES,
  VolumeBinding,
} from './index.js';
import type { PVCObject, PVObject, StorageClassObject } from './types.js';

interface PVCOpts {
  volumeName?: string;
  bound?: boolean;
  className?: string;
  phase?: string;
  deleting?: boolean;
  ownerUid?: string;
}

function pvc(name: string, o: PVCOpts = {}): PVCObject {
  return {
    metadata: {
      name,
      namespace: 'default',
      ...(o.bound ? { annotations: { [ANN_BIND_COMPLETED]: 'yes' } } : {}),
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
      ...(o.ownerUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: o.ownerUid, controller: true }] } : {}),
    },
    spec: { accessModes: ['ReadWriteOnce'], ...(o.volumeName ? { volumeName: o.volumeName } : {}), ...(o.className ? { storageClassName: o.className } : {}) },
    status: { phase: o.phase ?? (o.bound ? 'Bound' : 'Pending') },
  };
}

const boundPVC = (name: string, pv: string): PVCObject => pvc(name, { volumeName: pv, bound: true });
const pv = (name: string, ...terms: NodeSelectorTerm[]): PVObject => ({
  metadata: { name },
  spec: terms.length ? { nodeAffinity: { required: { nodeSelectorTerms: terms } } } : {},
});
const sc = (name: string, mode?: string): StorageClassObject => ({ metadata: { name }, provisioner: 'x', ...(mode ? { volumeBindingMode: mode } : {}) });
const zoneIn = (...zones: string[]): NodeSelectorTerm => ({ matchExpressions: [{ key: 'zone', operator: 'In', values: zones }] });

interface World {
  pvcs?: PVCObject[];
  pvs?: PVObject[];
  classes?: StorageClassObject[];
}

function newPlugin(w: World = {}, args?: unknown): VolumeBinding {
  const informers = new FakeInformerFactory();
  for (const x of w.pvcs ?? []) informers.informerFor<PVCObject>(PVCS).set(x);
  for (const x of w.pvs ?? []) informers.informerFor<PVObject>(PERSISTENT_VOLUMES).set(x);
  for (const x of w.classes ?? []) informers.informerFor<StorageClassObject>(STORAGE_CLASSES).set(x);
  return factory(args, { informers } as unknown as Handle) as VolumeBinding;
}

const withEphemeral = (uid?: string): Pod => {
  const p = makePod('p').obj();
  if (uid) (p.metadata as { uid?: string }).uid = uid;
  p.spec!.volumes = [{ name: 'v', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } }];
  return p;
};

const classes = [sc('wffc', 'WaitForFirstConsumer'), sc('immediate', 'Immediate'), sc('nomode')];
const preFilterCases: { name: string; pod: Pod; world: World; code: Code; reasons?: string[] }[] = [
  { name: 'no volumes: skip', pod: makePod('p').obj(), world: {}, code: Code.Skip },
  { name: 'a claim that does not exist', pod: makePod('p').pvc('x').obj(), world: {}, code: Code.UnschedulableAndUnresolvable, reasons: ['persistentvolumeclaim "x" not found'] },
  {
    name: 'an ephemeral claim not created yet',
    pod: withEphemeral(),
    world: {},
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['waiting for ephemeral volume controller to create the persistentvolumeclaim "p-v"'],
  },
  {
    name: 'an ephemeral claim owned by another pod',
    pod: withEphemeral('mine'),
    world: { pvcs: [pvc('p-v', { ownerUid: 'theirs', className: 'wffc' })], classes },
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['PVC default/p-v was not created for pod default/p (pod is not owner)'],
  },
  { name: 'an ephemeral claim owned by the pod', pod: withEphemeral('mine'), world: { pvcs: [pvc('p-v', { ownerUid: 'mine', className: 'wffc' })], classes }, code: Code.Success },
  {
    name: 'a lost claim',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [pvc('x', { volumeName: 'gone', phase: 'Lost' })] },
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['persistentvolumeclaim "x" bound to non-existent persistentvolume "gone"'],
  },
  {
    name: 'a claim being deleted',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [pvc('x', { deleting: true })] },
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['persistentvolumeclaim "x" is being deleted'],
  },
  { name: 'an unbound claim without a class', pod: makePod('p').pvc('x').obj(), world: { pvcs: [pvc('x')] }, code: Code.UnschedulableAndUnresolvable, reasons: [ERR_REASON_UNBOUND_IMMEDIATE] },
  {
    name: 'an unbound claim of an Immediate class',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [pvc('x', { className: 'immediate' })], classes },
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_REASON_UNBOUND_IMMEDIATE],
  },
  {
    name: 'an unbound claim of a class that does not exist binds immediately',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [pvc('x', { className: 'missing' })], classes },
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_REASON_UNBOUND_IMMEDIATE],
  },
  { name: 'an unbound WaitForFirstConsumer claim passes', pod: makePod('p').pvc('x').obj(), world: { pvcs: [pvc('x', { className: 'wffc' })], classes }, code: Code.Success },
  {
    name: 'a pre-bound claim (binding not complete) counts as immediate',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [pvc('x', { className: 'wffc', volumeName: 'pv1' })], classes },
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_REASON_UNBOUND_IMMEDIATE],
  },
  { name: 'a class without a binding mode is an error', pod: makePod('p').pvc('x').obj(), world: { pvcs: [pvc('x', { className: 'nomode' })], classes }, code: Code.Error },
  { name: 'a bound claim', pod: makePod('p').pvc('x').obj(), world: { pvcs: [boundPVC('x', 'pv1')], pvs: [pv('pv1')] }, code: Code.Success },
];

for (const c of preFilterCases) {
  test(`VolumeBinding.preFilter: ${c.name}`, () => {
    const { result, status } = newPlugin(c.world).preFilter(new CycleState(), c.pod);
    assert.equal(status.code, c.code);
    if (c.reasons) assert.deepEqual([...status.reasons], c.reasons);
    assert.equal(result, undefined);
  });
}

const zoneA = new NodeInfo(makeNode('a1').label('zone', 'a').obj());
const zoneB = new NodeInfo(makeNode('b1').label('zone', 'b').obj());
const filterCases: { name: string; pod: Pod; world: World; want: [Code, string[]][] }[] = [
  { name: 'a PV without node affinity fits everywhere', pod: makePod('p').pvc('x').obj(), world: { pvcs: [boundPVC('x', 'pv1')], pvs: [pv('pv1')] }, want: [[Code.Success, []], [Code.Success, []]] },
  {
    name: 'a PV pinned to zone a',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [boundPVC('x', 'pv1')], pvs: [pv('pv1', zoneIn('a'))] },
    want: [[Code.Success, []], [Code.UnschedulableAndUnresolvable, [ERR_REASON_NODE_CONFLICT]]],
  },
  {
    name: 'PV node affinity terms are ORed',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [boundPVC('x', 'pv1')], pvs: [pv('pv1', zoneIn('c'), zoneIn('b'))] },
    want: [[Code.UnschedulableAndUnresolvable, [ERR_REASON_NODE_CONFLICT]], [Code.Success, []]],
  },
  {
    name: 'PV matchFields are not checked (labels only, as upstream)',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [boundPVC('x', 'pv1')], pvs: [pv('pv1', { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['other'] }] })] },
    want: [[Code.Success, []], [Code.Success, []]],
  },
  {
    name: 'a bound claim whose PV does not exist',
    pod: makePod('p').pvc('x').obj(),
    world: { pvcs: [boundPVC('x', 'gone')] },
    want: [[Code.UnschedulableAndUnresolvable, [ERR_REASON_PV_NOT_EXIST]], [Code.UnschedulableAndUnresolvable, [ERR_REASON_PV_NOT_EXIST]]],
  },
  {
    name: 'the first failing claim decides',
    pod: makePod('p').pvc('x').pvc('y').obj(),
    world: { pvcs: [boundPVC('x', 'pv1'), boundPVC('y', 'gone')], pvs: [pv('pv1', zoneIn('a'))] },
    want: [[Code.UnschedulableAndUnresolvable, [ERR_REASON_PV_NOT_EXIST]], [Code.UnschedulableAndUnresolvable, [ERR_REASON_NODE_CONFLICT]]],
  },
  {
    name: 'WaitForFirstConsumer claims pass next to a bound one',
    pod: makePod('p').pvc('x').pvc('w').obj(),
    world: { pvcs: [boundPVC('x', 'pv1'), pvc('w', { className: 'wffc' })], pvs: [pv('pv1', zoneIn('a'))], classes },
    want: [[Code.Success, []], [Code.UnschedulableAndUnresolvable, [ERR_REASON_NODE_CONFLICT]]],
  },
];

for (const c of filterCases) {
  test(`VolumeBinding.filter: ${c.name}`, () => {
    const pl = newPlugin(c.world);
    const state = new CycleState();
    assert.ok(pl.preFilter(state, c.pod).status.isSuccess());
    const got = [zoneA, zoneB].map((ni) => pl.filter(state, c.pod, ni)).map((s): [Code, string[]] => [s.code, [...s.reasons]]);
    assert.deepEqual(got, c.want);
  });
}

test('VolumeBinding.filter without PreFilter state is an Error', () => {
  assert.equal(newPlugin().filter(new CycleState(), makePod('p').obj(), zoneA).code, Code.Error);
});

test('VolumeBinding: Reserve and PreBind are no-ops that succeed', async () => {
  const pl = newPlugin();
  assert.ok(pl.reserve().isSuccess());
  assert.ok((await pl.preBind()).isSuccess());
});

test('factory: upstream name, defaulted and validated args', () => {
  const pl = newPlugin();
  assert.equal(pl.name, NAME);
  assert.equal(NAME, 'VolumeBinding');
  assert.equal(pl.args.bindTimeoutSeconds, 600);
  assert.equal(newPlugin({}, { bindTimeoutSeconds: 30 }).args.bindTimeoutSeconds, 30);
  assert.throws(() => newPlugin({}, { bindTimeoutSeconds: -1 }), /bindTimeoutSeconds: Invalid value: -1: invalid BindTimeoutSeconds, should not be a negative value/);
});

test('VolumeBinding events and hints', () => {
  const events = newPlugin().eventsToRegister();
  const byResource = new Map(events.map((e) => [e.event.resource, e]));
  assert.deepEqual([...byResource.keys()], ['StorageClass', 'PersistentVolumeClaim', 'PersistentVolume', 'Node', 'CSINode']);
  assert.equal(byResource.get('Node')!.event.actionType, ActionType.Add | ActionType.UpdateNodeLabel);
  const pod = makePod('p').pvc('x').obj();
  const pvcHint = byResource.get('PersistentVolumeClaim')!.queueingHint!;
  assert.equal(pvcHint(pod, undefined, pvc('x')), 'Queue');
  assert.equal(pvcHint(pod, undefined, pvc('y')), 'QueueSkip');
  assert.equal(pvcHint(withEphemeral(), undefined, pvc('p-v')), 'Queue');
  const scHint = byResource.get('StorageClass')!.queueingHint!;
  assert.equal(scHint(pod, undefined, sc('a', 'Immediate')), 'Queue');
  assert.equal(scHint(pod, sc('a', 'Immediate'), sc('a', 'Immediate')), 'QueueSkip');
  const withTopology = { ...sc('a', 'Immediate'), allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }] };
  assert.equal(scHint(pod, sc('a', 'Immediate'), withTopology), 'Queue');
  const csiHint = byResource.get('CSINode')!.queueingHint!;
  const csi = (ann?: string) => ({ metadata: { name: 'n', ...(ann ? { annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': ann } } : {}) }, spec: { drivers: [] } });
  assert.equal(csiHint(pod, undefined, csi()), 'Queue');
  assert.equal(csiHint(pod, csi(), csi()), 'QueueSkip');
  assert.equal(csiHint(pod, csi(), csi('kubernetes.io/gce-pd')), 'Queue');
});
