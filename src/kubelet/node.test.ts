import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import { Harness, NODE } from './testing/harness.js';

const node = (h: Harness) => h.client.objects.get(`nodes//${NODE}`) as Node;
const lease = (h: Harness) => h.client.objects.get(`leases/kube-node-lease/${NODE}`) as Lease;

test('registration: capacity, allocatable, addresses, nodeInfo, conditions, podCIDR, labels', async () => {
  const h = new Harness({ internalIP: '172.16.0.9' });
  await h.start();
  const n = node(h);
  assert.deepEqual(n.spec, { podCIDR: '10.244.7.0/24', podCIDRs: ['10.244.7.0/24'] });
  assert.equal(n.metadata?.labels?.['kubernetes.io/hostname'], NODE);
  assert.equal(n.metadata?.labels?.['kubernetes.io/os'], 'linux');
  const s = n.status!;
  for (const r of [s.capacity, s.allocatable]) assert.deepEqual([r?.cpu, r?.memory, r?.pods], ['8', '32Gi', '110']);
  assert.deepEqual(s.addresses, [{ type: 'InternalIP', address: '172.16.0.9' }, { type: 'Hostname', address: NODE }]);
  const info = s.nodeInfo!;
  assert.equal(info.kubeletVersion, 'v1.33.1-k8ts');
  assert.equal(info.containerRuntimeVersion, 'fake://0.1');
  assert.deepEqual([info.operatingSystem, info.architecture], ['linux', 'amd64']);
  assert.match(info.machineID, /^[0-9a-f]{32}$/);
  assert.match(info.systemUUID, /^[0-9a-f-]{36}$/);
  assert.notEqual(info.bootID, info.systemUUID);
  const conds = s.conditions!.map((c) => [c.type, c.status, c.reason]);
  assert.deepEqual(conds, [
    ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
    ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
    ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
    ['Ready', 'True', 'KubeletReady'],
  ]);
  assert.equal(s.conditions![3]!.message, 'kubelet is posting ready status');
  assert.equal(s.daemonEndpoints?.kubeletEndpoint?.Port, 10250);
  h.stop();
});

test('capacity is configurable', async () => {
  const h = new Harness({ kubelet: { node: { capacity: { cpu: '4', memory: '8Gi', pods: '20' } } } });
  await h.start();
  assert.deepEqual(node(h).status?.allocatable, { cpu: '4', memory: '8Gi', pods: '20' });
  h.stop();
});

test('an existing Node is adopted: its status is rewritten', async () => {
  const h = new Harness();
  await h.client.create({ group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false }, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE } });
  await h.start();
  assert.equal(node(h).status?.nodeInfo?.containerRuntimeVersion, 'fake://0.1');
  h.stop();
});

test('the Lease is created at once, then renewed every 10 s with holder and duration', async () => {
  const h = new Harness();
  await h.start();
  const l = lease(h);
  assert.deepEqual([l.spec?.holderIdentity, l.spec?.leaseDurationSeconds], [NODE, 40]);
  assert.equal(l.spec?.renewTime, '2026-01-01T00:00:00.000000Z');
  assert.equal(l.metadata?.ownerReferences?.[0]?.uid, node(h).metadata?.uid);
  const renewals = () => h.client.countWrites('leases');
  assert.equal(renewals(), 1);
  await h.advance(9_900);
  assert.equal(renewals(), 1);
  await h.advance(100);
  assert.equal(renewals(), 2);
  assert.equal(lease(h).spec?.renewTime, '2026-01-01T00:00:10.000000Z');
  await h.advance(60_000, 1000);
  assert.equal(renewals(), 8);
  h.stop();
});

test('a lost Lease is recreated on the next renewal', async () => {
  const h = new Harness();
  await h.start();
  h.client.objects.delete(`leases/kube-node-lease/${NODE}`);
  await h.advance(10_000, 1000);
  await h.advance(1_000, 100);
  assert.equal(lease(h).spec?.holderIdentity, NODE);
  h.stop();
});

test('NodeStatus is posted only when changed, else every 5 minutes, with a fresh heartbeat', async () => {
  const h = new Harness();
  await h.start();
  const posts = () => h.client.countWrites('nodes', 'update', 'status');
  assert.equal(posts(), 0);
  await h.advance(299_000, 1000);
  assert.equal(posts(), 0);
  await h.advance(10_000, 1000);
  assert.equal(posts(), 1);
  const ready = node(h).status!.conditions!.find((c) => c.type === 'Ready')!;
  assert.equal(ready.lastHeartbeatTime, '2026-01-01T00:05:00Z');
  assert.equal(ready.lastTransitionTime, '2026-01-01T00:00:00Z');
  h.stop();
});

test('with a node lister, a status changed by another writer is corrected within one period', async () => {
  const h: Harness = new Harness({ kubelet: { nodeLister: (name) => h.client.objects.get(`nodes//${name}`) as never } });
  await h.start();
  const n = structuredClone(node(h));
  n.status!.conditions!.find((c) => c.type === 'Ready')!.status = 'Unknown';
  await h.client.update({ group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false }, '', n as never, { subresource: 'status' });
  await h.advance(10_000, 1000);
  const ready = node(h).status!.conditions!.find((c) => c.type === 'Ready')!;
  assert.equal(ready.status, 'True');
  assert.equal(ready.lastTransitionTime, '2026-01-01T00:00:10Z');
  h.stop();
});
