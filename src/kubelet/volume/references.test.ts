import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podReadsObject, volumeObjectRefs } from './references.js';

const pod: Pod = {
  metadata: { name: 'p', namespace: 'ns' },
  spec: {
    containers: [],
    volumes: [
      { name: 'a', configMap: { name: 'cm1' } },
      { name: 'b', secret: { secretName: 's1' } },
      { name: 'c', projected: { sources: [{ configMap: { name: 'cm2' } }, { secret: { name: 's2' } }, { downwardAPI: {} }] } },
      { name: 'd', emptyDir: {} },
    ],
  },
};

test('volumeObjectRefs: configMap, secret and projected sources', () => {
  const r = volumeObjectRefs(pod);
  assert.deepEqual([[...r.configMaps].sort(), [...r.secrets].sort()], [['cm1', 'cm2'], ['s1', 's2']]);
});

for (const [kind, ns, name, want] of [
  ['configmap', 'ns', 'cm2', true],
  ['secret', 'ns', 's1', true],
  ['secret', 'ns', 'cm1', false],
  ['configmap', 'other', 'cm1', false],
] as const) {
  test(`podReadsObject ${kind} ${ns}/${name} → ${want}`, () => {
    assert.equal(podReadsObject(pod, kind, ns, name), want);
  });
}
