import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodSpec, Taint } from 'kubernetes-types/core/v1.js';
import { nodeShouldRunDaemonPod } from './predicates.js';
import { newDaemonSet, newNode } from './testing.js';

interface Case {
  name: string;
  spec?: Partial<PodSpec>;
  labels?: Record<string, string>;
  taints?: Taint[];
  want: [shouldRun: boolean, shouldContinueRunning: boolean];
}

const cases: Case[] = [
  { name: 'a plain node runs it', want: [true, true] },
  { name: 'NoSchedule taint not tolerated: not placed, an existing pod stays', taints: [{ key: 'k', effect: 'NoSchedule' }], want: [false, true] },
  { name: 'NoExecute taint not tolerated: not placed and evicted', taints: [{ key: 'k', effect: 'NoExecute' }], want: [false, false] },
  { name: 'PreferNoSchedule is ignored', taints: [{ key: 'k', effect: 'PreferNoSchedule' }], want: [true, true] },
  {
    name: 'a toleration with Equal and the value tolerates',
    taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
    spec: { tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }] }, want: [true, true],
  },
  {
    name: 'a toleration with another value does not',
    taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }],
    spec: { tolerations: [{ key: 'k', operator: 'Equal', value: 'w' }] }, want: [false, true],
  },
  { name: 'daemon defaults tolerate not-ready NoExecute', taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], want: [true, true] },
  { name: 'daemon defaults tolerate memory-pressure', taints: [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }], want: [true, true] },
  {
    name: 'network-unavailable only for host-network daemons',
    taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }], want: [false, true],
  },
  {
    name: 'network-unavailable tolerated with hostNetwork',
    taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }], spec: { hostNetwork: true }, want: [true, true],
  },
  { name: 'nodeSelector mismatch', spec: { nodeSelector: { disk: 'ssd' } }, want: [false, false] },
  { name: 'nodeSelector match', spec: { nodeSelector: { disk: 'ssd' } }, labels: { disk: 'ssd' }, want: [true, true] },
  { name: 'template nodeName of another node', spec: { nodeName: 'other' }, want: [false, false] },
  {
    name: 'required node affinity: the terms are ORed, expressions ANDed',
    labels: { zone: 'a', gen: '5' },
    spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }, { key: 'gen', operator: 'Gt', values: ['4'] }] },
    ] } } } },
    want: [true, true],
  },
  {
    name: 'required node affinity on a field that does not match',
    spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] },
    ] } } } },
    want: [false, false],
  },
  {
    name: 'an empty term matches nothing',
    spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } },
    want: [false, false],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const ds = newDaemonSet('agent');
    Object.assign(ds.spec!.template.spec!, c.spec ?? {});
    const got = nodeShouldRunDaemonPod(newNode('n1', { labels: c.labels ?? {}, ...(c.taints ? { taints: c.taints } : {}) }), ds);
    assert.deepEqual([got.shouldRun, got.shouldContinueRunning], c.want);
  });
}
