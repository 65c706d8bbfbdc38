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

const pressureCases: { name: string; pressure: { memory: boolean; disk: boolean; pid: boolean }; want: [string, string, string, string][] }[] = [
  {
    name: 'all three',
    pressure: { memory: true, disk: true, pid: true },
    want: [
      ['MemoryPressure', 'True', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
      ['DiskPressure', 'True', 'KubeletHasDiskPressure', 'kubelet has disk pressure'],
      ['PIDPressure', 'True', 'KubeletHasInsufficientPID', 'kubelet has insufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ],
  },
  {
    name: 'disk only',
    pressure: { memory: false, disk: true, pid: false },
    want: [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'True', 'KubeletHasDiskPressure', 'kubelet has disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ],
  },
];
for (const tc of pressureCases) {
  test(`nodeStatus: pressure conditions (${tc.name}) with upstream reasons and messages`, () => {
    const s = nodeStatus(defaultNodeConfig('n1'), 'fake://1', now, undefined, tc.pressure);
    assert.deepEqual(s.conditions!.map((c) => [c.type, c.status, c.reason, c.message]), tc.want);
  });
}

test('nodeStatus: a pressure change moves lastTransitionTime, an unchanged condition keeps it', () => {
  const cfg = defaultNodeConfig('n1');
  const first = nodeStatus(cfg, 'fake://1', now, undefined);
  const later = new Date(now.getTime() + 10_000);
  const second = nodeStatus(cfg, 'fake://1', later, first, { memory: true, disk: false, pid: false });
  const byType = (t: string) => second.conditions!.find((c) => c.type === t)!;
  assert.equal(byType('MemoryPressure').lastTransitionTime, '2025-01-01T00:00:10Z');
  assert.equal(byType('DiskPressure').lastTransitionTime, '2025-01-01T00:00:00Z');
});
