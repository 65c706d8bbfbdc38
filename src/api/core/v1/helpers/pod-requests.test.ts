import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { DEFAULT_MEMORY_REQUEST, podRequests } from './pod-requests.js';

const c = (name: string, requests?: Record<string, string>, restartPolicy?: string) => ({
  name,
  image: 'x',
  ...(requests ? { resources: { requests } } : {}),
  ...(restartPolicy ? { restartPolicy } : {}),
});

test('containers add up; the larger of the init peak and the run phase wins; overhead is added', () => {
  const pod: Pod = {
    spec: {
      containers: [c('a', { cpu: '100m', memory: '1Gi' }), c('b', { cpu: '200m' })],
      initContainers: [c('i', { cpu: '1', memory: '10Mi' })],
      overhead: { cpu: '10m' },
    },
  };
  const r = podRequests(pod);
  assert.equal(r.get('cpu'), 1010);
  assert.equal(r.get('memory'), 1024 ** 3);
  assert.equal(podRequests(pod, { excludeOverhead: true }).get('cpu'), 1000);
});

test('sidecars run next to the containers and next to the init containers after them', () => {
  const pod: Pod = {
    spec: {
      initContainers: [c('side', { cpu: '500m' }, 'Always'), c('init', { cpu: '600m' })],
      containers: [c('app', { cpu: '100m' })],
    },
  };
  // run phase 500+100 = 600; init phase 500 (sidecar) + 600 = 1100
  assert.equal(podRequests(pod).get('cpu'), 1100);
});

test('nonZero counts the defaults for containers without requests', () => {
  const pod: Pod = { spec: { containers: [c('a'), c('b', { cpu: '50m' })] } };
  const r = podRequests(pod, { nonZero: true });
  assert.equal(r.get('cpu'), 150);
  assert.equal(r.get('memory'), 2 * DEFAULT_MEMORY_REQUEST);
  assert.equal(podRequests(pod).get('memory'), undefined);
});
