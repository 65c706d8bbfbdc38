/**
 * PodContainerManager over a plain directory tree standing in for v1 hierarchies (runs without root): names,
 * cgroupParent strings, root limits and the burstable shares bookkeeping. Kernel behaviour is in
 * pod-container-manager.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { CgroupLayout } from './hierarchy.js';
import { PodContainerManager } from './pod-container-manager.js';

const base = mkdtempSync(join(tmpdir(), 'k8ts-cm-layout-'));
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function layout(): { l: CgroupLayout; read: (c: string, ...p: string[]) => string } {
  const root = join(base, String(n++));
  const controllers = ['cpu', 'memory', 'cpuset'];
  for (const c of controllers) mkdirSync(join(root, c), { recursive: true });
  for (const f of ['cpuset.cpus', 'cpuset.mems']) writeFileSync(join(root, 'cpuset', f), '0');
  return {
    l: { version: 1, hierarchies: controllers.map((c) => ({ mountpoint: join(root, c), controllers: [c], version: 1 as const })) },
    read: (c, ...p) => readFileSync(join(root, c, ...p), 'utf8'),
  };
}

const c = (requests?: Record<string, string>, limits?: Record<string, string>): Container => ({ name: 'c', image: 'x', resources: { requests, limits } });
const pod = (uid: string, ...containers: Container[]): Pod => ({ metadata: { uid }, spec: { containers } });

const parents: [string, Pod, string][] = [
  ['Guaranteed', pod('g', c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })), '/k8ts-kubepods/podg'],
  ['Burstable', pod('b', c({ cpu: '1' })), '/k8ts-kubepods/burstable/podb'],
  ['BestEffort', pod('e', c()), '/k8ts-kubepods/besteffort/pode'],
];
for (const [name, p, want] of parents) {
  test(`cgroupParent: ${name} → ${want}`, () => {
    assert.equal(new PodContainerManager({ layout: layout().l }).cgroupParent(p), want);
  });
}

test('the root name must be one path segment; only cgroupfs', () => {
  assert.throws(() => new PodContainerManager({ layout: layout().l, root: '../etc' }), /one path segment/);
  assert.throws(() => new PodContainerManager({ layout: layout().l, driver: 'systemd' as 'cgroupfs' }), /unsupported cgroup driver/);
});

test('start with nodeAllocatable limits the root', async () => {
  const { l, read } = layout();
  await new PodContainerManager({ layout: l, root: 'kp', nodeAllocatable: { cpuMilli: 1500, memoryBytes: 1 << 30 } }).start();
  assert.equal(read('cpu', 'kp', 'cpu.shares'), '1536');
  assert.equal(read('memory', 'kp', 'memory.limit_in_bytes'), String(1 << 30));
  assert.equal(read('cpu', 'kp', 'besteffort', 'cpu.shares'), '2');
});

test('burstable cpu.shares follow the ensured Burstable pods; Guaranteed pods do not count', async () => {
  const { l, read } = layout();
  const m = new PodContainerManager({ layout: l, root: 'kp' });
  await m.start();
  await m.ensure(pod('b1', c({ cpu: '250m' })));
  await m.ensure(pod('b2', c({ cpu: '750m' }, { cpu: '2' })));
  await m.ensure(pod('g1', c({ cpu: '4', memory: '1Gi' }, { cpu: '4', memory: '1Gi' })));
  assert.equal(read('cpu', 'kp', 'burstable', 'cpu.shares'), '1024', '250m + 750m');
  assert.equal(read('cpu', 'kp', 'burstable', 'podb2', 'cpu.shares'), '768');
  assert.equal(read('cpuset', 'kp', 'burstable', 'podb2', 'cpuset.cpus'), '0');
});

test('ensure needs a uid', async () => {
  await assert.rejects(new PodContainerManager({ layout: layout().l }).ensure({ spec: { containers: [] } }), /no uid/);
});
