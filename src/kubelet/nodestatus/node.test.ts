import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultNodeConfig, DEFAULT_NODE_CAPACITY, initialNode, nodeStatus } from './node.js';

const now = new Date('2025-01-01T00:00:00Z');

test('initialNode: no taints unless configured; labels over the defaults', () => {
  const plain = initialNode(defaultNodeConfig('n1'), 'fake://1', now);
  assert.deepEqual(plain.spec, {});
  assert.deepEqual(plain.status?.capacity, { ...DEFAULT_NODE_CAPACITY });

  const cfg = defaultNodeConfig('n1', {
    podCIDR: '10.244.0.0/24',
    labels: { 'topology.kubernetes.io/zone': 'a', 'kubernetes.io/os': 'linux' },
    taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
  });
  const node = initialNode(cfg, 'fake://1', now);
  assert.deepEqual(node.spec, { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  assert.equal(node.metadata?.labels?.['topology.kubernetes.io/zone'], 'a');
  assert.equal(node.metadata?.labels?.['kubernetes.io/hostname'], 'n1');
  // The taints are copied, not shared with the config.
  node.spec!.taints![0]!.value = 'changed';
  assert.equal(cfg.taints![0]!.value, 'gpu');
});

test('nodeStatus: allocatable follows capacity unless given', () => {
  const cfg = defaultNodeConfig('n1', { capacity: { cpu: '2', memory: '4Gi', pods: '10' } });
  const s = nodeStatus(cfg, 'fake://1', now, undefined);
  assert.deepEqual(s.capacity, { cpu: '2', memory: '4Gi', pods: '10' });
  assert.deepEqual(s.allocatable, { cpu: '2', memory: '4Gi', pods: '10' });
});
