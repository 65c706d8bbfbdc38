import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { podCgroupResources, sharesToWeight, type CgroupResources } from './pod-resources.js';

const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string): Container => ({
  name,
  image: 'x',
  resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
  ...(restartPolicy ? { restartPolicy } : {}),
});
const pod = (containers: Container[], initContainers: Container[] = [], overhead?: Record<string, string>): Pod => ({
  metadata: { uid: 'u' },
  spec: { containers, initContainers, ...(overhead ? { overhead } : {}) },
});
const Mi = 1024 * 1024;

const cases: { name: string; pod: Pod; pids?: number; want: CgroupResources }[] = [
  { name: 'BestEffort: minimum shares only', pod: pod([c('a'), c('b')]), want: { cpuShares: 2 } },
  { name: 'BestEffort with a pids limit', pod: pod([c('a')]), pids: 1024, want: { cpuShares: 2, pidsLimit: 1024 } },
  {
    name: 'Guaranteed: sums of both containers',
    pod: pod([c('a', { cpu: '500m', memory: '64Mi' }, { cpu: '500m', memory: '64Mi' }), c('b', { cpu: '1', memory: '128Mi' }, { cpu: '1', memory: '128Mi' })]),
    want: { cpuShares: 1536, cpuPeriod: 100000, cpuQuota: 150000, memoryLimitBytes: 192 * Mi },
  },
  {
    name: 'Burstable without limits: shares only',
    pod: pod([c('a', { cpu: '250m' })]),
    want: { cpuShares: 256 },
  },
  {
    name: 'Burstable with one container unlimited: no quota, no memory limit',
    pod: pod([c('a', { cpu: '100m' }, { cpu: '200m', memory: '64Mi' }), c('b', { cpu: '100m' })]),
    want: { cpuShares: 204 },
  },
  {
    name: 'Burstable with all memory limits but no cpu limit',
    pod: pod([c('a', { cpu: '100m' }, { memory: '64Mi' })]),
    want: { cpuShares: 102, memoryLimitBytes: 64 * Mi },
  },
  {
    name: 'limit without request counts as the request (undefaulted pod)',
    pod: pod([c('a', undefined, { cpu: '1' }), c('b', { cpu: '1' }, { cpu: '2', memory: '1Gi' })], [], undefined),
    want: { cpuShares: 2048, cpuPeriod: 100000, cpuQuota: 300000 },
  },
  {
    name: 'a large init container wins over the app containers',
    pod: pod([c('a', { cpu: '100m' }, { cpu: '200m', memory: '64Mi' })], [c('init', { cpu: '1' }, { cpu: '1', memory: '32Mi' })]),
    want: { cpuShares: 1024, cpuPeriod: 100000, cpuQuota: 100000, memoryLimitBytes: 64 * Mi },
  },
  {
    name: 'sidecars add to the app containers and to later init containers',
    pod: pod(
      [c('a', { cpu: '100m' }, { cpu: '100m', memory: '10Mi' })],
      [c('side', { cpu: '200m' }, { cpu: '200m', memory: '10Mi' }, 'Always'), c('init', { cpu: '250m' }, { cpu: '250m', memory: '10Mi' })],
    ),
    // requests: apps 100m + side 200m = 300m; init 250m + side 200m = 450m → 450m.
    want: { cpuShares: 460, cpuPeriod: 100000, cpuQuota: 45000, memoryLimitBytes: 20 * Mi },
  },
  {
    name: 'overhead is added',
    pod: pod([c('a', { cpu: '1', memory: '100Mi' }, { cpu: '1', memory: '100Mi' })], [], { cpu: '250m', memory: '20Mi' }),
    want: { cpuShares: 1280, cpuPeriod: 100000, cpuQuota: 125000, memoryLimitBytes: 120 * Mi },
  },
];

for (const tc of cases) {
  test(`podCgroupResources: ${tc.name}`, () => {
    assert.deepEqual(podCgroupResources(tc.pod, tc.pids), tc.want);
  });
}

for (const [shares, weight] of [[2, 1], [1024, 39], [262144, 10000]] as const) {
  test(`sharesToWeight(${shares}) = ${weight}`, () => assert.equal(sharesToWeight(shares), weight));
}
