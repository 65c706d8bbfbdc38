import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import { FakeInformerFactory } from '../../../client/fake/index.js';
import type { KubeObject } from '../../../client/interface.js';
import { PVCS } from '../../../client/resources.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { NodeInfo, PodInfo } from '../../framework/types.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import {
  ERR_REASON_DISK_CONFLICT,
  ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT,
  factory,
  NAME,
  VolumeRestrictions,
} from './index.js';

function newPlugin(pvcs: PVCObject[] = []): VolumeRestrictions {
  const informers = new FakeInformerFactory();
  for (const p of pvcs) informers.informerFor<PVCObject>(PVCS).set(p);
  return factory(undefined, { informers } as unknown as Handle) as VolumeRestrictions;
}

type PVCObject = PersistentVolumeClaim & KubeObject;

const pvc = (name: string, mode: string, namespace = 'default'): PVCObject => ({
  metadata: { name, namespace },
  spec: { accessModes: [mode] },
});

const withVolume = (name: string, v: Omit<Volume, 'name'>, node?: string): Pod => {
  const p = makePod(name).obj();
  (p.spec!.volumes ??= []).push({ name: 'v', ...v });
  if (node) p.spec!.nodeName = node;
  return p;
};

const gce = (pdName: string, readOnly = false): Omit<Volume, 'name'> => ({ gcePersistentDisk: { pdName, readOnly } });
const ebs = (volumeID: string): Omit<Volume, 'name'> => ({ awsElasticBlockStore: { volumeID } });
const rbd = (monitors: string[], pool: string, image: string): Omit<Volume, 'name'> => ({ rbd: { monitors, pool, image } });
const iscsi = (iqn: string, readOnly = false): Omit<Volume, 'name'> => ({ iscsi: { iqn, targetPortal: 'p', lun: 0, readOnly } });

const diskCases: { name: string; pod: Pod; existing: Pod[]; code: Code; reasons?: string[] }[] = [
  { name: 'nothing on the node', pod: withVolume('p', gce('foo')), existing: [], code: Code.Success },
  { name: 'the same GCE disk', pod: withVolume('p', gce('foo')), existing: [withVolume('e', gce('foo'), 'n1')], code: Code.Unschedulable, reasons: [ERR_REASON_DISK_CONFLICT] },
  { name: 'two different GCE disks', pod: withVolume('p', gce('foo')), existing: [withVolume('e', gce('bar'), 'n1')], code: Code.Success },
  { name: 'the same GCE disk read-only twice', pod: withVolume('p', gce('foo', true)), existing: [withVolume('e', gce('foo', true), 'n1')], code: Code.Success },
  { name: 'the same GCE disk, one read-write', pod: withVolume('p', gce('foo', true)), existing: [withVolume('e', gce('foo'), 'n1')], code: Code.Unschedulable, reasons: [ERR_REASON_DISK_CONFLICT] },
  { name: 'the same EBS volume', pod: withVolume('p', ebs('vol-1')), existing: [withVolume('e', ebs('vol-1'), 'n1')], code: Code.Unschedulable, reasons: [ERR_REASON_DISK_CONFLICT] },
  { name: 'different EBS volumes', pod: withVolume('p', ebs('vol-1')), existing: [withVolume('e', ebs('vol-2'), 'n1')], code: Code.Success },
  {
    name: 'the same RBD image sharing a monitor',
    pod: withVolume('p', rbd(['a', 'b'], 'pool', 'img')),
    existing: [withVolume('e', rbd(['b', 'c'], 'pool', 'img'), 'n1')],
    code: Code.Unschedulable,
    reasons: [ERR_REASON_DISK_CONFLICT],
  },
  { name: 'an RBD image in another pool', pod: withVolume('p', rbd(['a'], 'pool', 'img')), existing: [withVolume('e', rbd(['a'], 'other', 'img'), 'n1')], code: Code.Success },
  { name: 'the same iSCSI IQN', pod: withVolume('p', iscsi('iqn.1')), existing: [withVolume('e', iscsi('iqn.1'), 'n1')], code: Code.Unschedulable, reasons: [ERR_REASON_DISK_CONFLICT] },
  { name: 'the same iSCSI IQN read-only twice', pod: withVolume('p', iscsi('iqn.1', true)), existing: [withVolume('e', iscsi('iqn.1', true), 'n1')], code: Code.Success },
];

for (const c of diskCases) {
  test(`VolumeRestrictions disk conflicts: ${c.name}`, () => {
    const pl = newPlugin();
    const snap = newTestSnapshot(c.existing, [makeNode('n1').obj()]);
    const state = new CycleState();
    assert.ok(pl.preFilter(state, c.pod, snap.list()).status.isSuccess());
    const s = pl.filter(state, c.pod, snap.get('n1')!);
    assert.equal(s.code, c.code);
    assert.deepEqual([...s.reasons], c.reasons ?? []);
  });
}

const claims = [pvc('rwop', 'ReadWriteOncePod'), pvc('rwo', 'ReadWriteOnce'), pvc('rwop', 'ReadWriteOncePod', 'other')];
const accessCases: { name: string; pod: Pod; existing: Pod[]; preFilter: Code; preReasons?: string[]; filter?: Code; reasons?: string[] }[] = [
  { name: 'no volumes: skip', pod: makePod('p').obj(), existing: [], preFilter: Code.Skip },
  { name: 'a RWOP claim nobody uses: skip', pod: makePod('p').pvc('rwop').obj(), existing: [], preFilter: Code.Skip },
  {
    name: 'a RWOP claim another pod uses',
    pod: makePod('p').pvc('rwop').obj(),
    existing: [makePod('e').pvc('rwop').node('n2').obj()],
    preFilter: Code.Success,
    filter: Code.Unschedulable,
    reasons: [ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT],
  },
  { name: 'a RWO claim another pod uses', pod: makePod('p').pvc('rwo').obj(), existing: [makePod('e').pvc('rwo').node('n1').obj()], preFilter: Code.Skip },
  {
    name: 'the same claim name in another namespace',
    pod: makePod('p').pvc('rwop').obj(),
    existing: [makePod('e', 'other').pvc('rwop').node('n1').obj()],
    preFilter: Code.Skip,
  },
  {
    name: 'a claim that does not exist',
    pod: makePod('p').pvc('missing').obj(),
    existing: [],
    preFilter: Code.UnschedulableAndUnresolvable,
    preReasons: ['persistentvolumeclaim "missing" not found'],
  },
];

for (const c of accessCases) {
  test(`VolumeRestrictions ReadWriteOncePod: ${c.name}`, () => {
    const pl = newPlugin(claims);
    const snap = newTestSnapshot(c.existing, [makeNode('n1').obj(), makeNode('n2').obj()]);
    const state = new CycleState();
    const { status } = pl.preFilter(state, c.pod, snap.list());
    assert.equal(status.code, c.preFilter);
    assert.deepEqual([...status.reasons], c.preReasons ?? []);
    if (c.filter === undefined) return;
    // The verdict is cluster-wide: the same on a node without the other pod.
    const s = pl.filter(state, c.pod, snap.get('n1')!);
    assert.equal(s.code, c.filter);
    assert.deepEqual([...s.reasons], c.reasons ?? []);
  });
}

test('VolumeRestrictions preemption what-if: RemovePod frees the claim, AddPod takes it back, clones are independent', () => {
  const pl = newPlugin(claims);
  const holder = makePod('e').pvc('rwop').node('n1').obj();
  const snap = newTestSnapshot([holder], [makeNode('n1').obj()]);
  const pod = makePod('p').pvc('rwop').obj();
  const state = new CycleState();
  pl.preFilter(state, pod, snap.list());
  const ni: NodeInfo = snap.get('n1')!;
  const whatIf = state.clone();
  assert.ok(pl.removePod(whatIf, pod, new PodInfo(holder)).isSuccess());
  assert.equal(pl.filter(whatIf, pod, ni).code, Code.Success);
  assert.equal(pl.filter(state, pod, ni).code, Code.Unschedulable);
  pl.addPod(whatIf, pod, new PodInfo(holder));
  assert.equal(pl.filter(whatIf, pod, ni).code, Code.Unschedulable);
});

test('factory: upstream name', () => {
  assert.equal(newPlugin().name, NAME);
  assert.equal(NAME, 'VolumeRestrictions');
});

test('VolumeRestrictions events and hints', () => {
  const events = newPlugin().eventsToRegister();
  assert.deepEqual(
    events.map((e) => [e.event.resource, e.event.actionType]),
    [['Pod', ActionType.Delete], ['Node', ActionType.Add], ['PersistentVolumeClaim', ActionType.Add]],
  );
  const [podDelete, , pvcAdd] = events;
  const pod = makePod('p').pvc('rwop').obj();
  assert.equal(podDelete!.queueingHint!(pod, makePod('e').pvc('rwop').obj(), undefined), 'Queue');
  assert.equal(podDelete!.queueingHint!(pod, makePod('e').pvc('other').obj(), undefined), 'QueueSkip');
  assert.equal(podDelete!.queueingHint!(pod, makePod('e', 'other').pvc('rwop').obj(), undefined), 'QueueSkip');
  assert.equal(podDelete!.queueingHint!(withVolume('p', gce('foo')), withVolume('e', gce('foo')), undefined), 'Queue');
  assert.equal(pvcAdd!.queueingHint!(pod, undefined, pvc('rwop', 'ReadWriteOnce')), 'Queue');
  assert.equal(pvcAdd!.queueingHint!(pod, undefined, pvc('rwop', 'ReadWriteOnce', 'other')), 'QueueSkip');
  assert.equal(pvcAdd!.queueingHint!(pod, undefined, pvc('unrelated', 'ReadWriteOnce')), 'QueueSkip');
});
