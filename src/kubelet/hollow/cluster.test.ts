import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../machinery/clock/clock.js';
import { PODS } from '../status/manager.js';
import { settle } from '../testing/harness.js';
import { StubClient, stubPodSource } from '../testing/stub-client.js';
import type { NodeObject, PodObject } from '../types.js';
import { hollowInternalIP, hollowPodCIDR, startHollowCluster } from './cluster.js';

test('node addressing: distinct /24s and IPs past 256 nodes', () => {
  assert.equal(hollowPodCIDR(0), '10.244.0.0/24');
  assert.equal(hollowPodCIDR(999), '10.247.231.0/24');
  assert.equal(hollowInternalIP(0), '172.16.0.1');
  assert.equal(hollowInternalIP(999), '172.16.3.232');
});

test('a hollow cluster registers every node and runs each pod on its own node only', async () => {
  const clock = new FakeClock();
  const client = new StubClient(clock);
  const ac = new AbortController();
  const cluster = await startHollowCluster({ client, clock, nodes: 30, podSource: stubPodSource(client), startConcurrency: 7 }, ac.signal);
  assert.equal(cluster.nodes.length, 30);
  assert.equal(client.countWrites('nodes', 'create'), 30);
  for (let i = 0; i < 60; i++) {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default' }, spec: { nodeName: `hollow-node-${i % 30}`, containers: [{ name: 'c', image: 'nginx' }] } };
    await client.create(PODS, 'default', pod as PodObject);
  }
  await settle();
  const pods = [...client.objects.values()].filter((o) => o.kind === 'Pod') as PodObject[];
  assert.ok(pods.every((p) => p.status?.phase === 'Running'));
  const p7 = pods.find((p) => p.metadata?.name === 'p37')!;
  assert.equal(p7.status?.hostIP, hollowInternalIP(7));
  assert.ok(p7.status?.podIP?.startsWith('10.244.7.'));
  assert.deepEqual(cluster.nodes.map((n) => n.runtime.stats().sandboxes), Array(30).fill(2));
  ac.abort();
});

test('registration: every node registers with the labels, taints and capacity given (capacity over the defaults)', async () => {
  const clock = new FakeClock();
  const client = new StubClient(clock);
  const ac = new AbortController();
  await startHollowCluster(
    {
      client,
      clock,
      nodes: 2,
      namePrefix: 'big-',
      podSource: stubPodSource(client),
      registration: {
        labels: { 'topology.kubernetes.io/zone': 'a' },
        taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
        capacity: { cpu: '2', 'example.com/gpu': '4' },
      },
    },
    ac.signal,
  );
  const nodes = [...client.objects.values()].filter((o) => o.kind === 'Node') as NodeObject[];
  assert.deepEqual(nodes.map((n) => n.metadata?.name).sort(), ['big-0', 'big-1']);
  for (const n of nodes) {
    assert.equal(n.metadata?.labels?.['topology.kubernetes.io/zone'], 'a');
    assert.equal(n.metadata?.labels?.['kubernetes.io/hostname'], n.metadata?.name);
    assert.deepEqual(n.spec?.taints, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.deepEqual(n.status?.capacity, { cpu: '2', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', 'example.com/gpu': '4' });
    assert.deepEqual(n.status?.allocatable, n.status?.capacity);
  }
  ac.abort();
});
