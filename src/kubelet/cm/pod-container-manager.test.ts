/**
 * PodContainerManager against the host's real cgroups. Everything lives under one root named for this test run
 * (`k8ts-test-cm-<pid>`), removed at the end; skipped when not root or without a cpu/memory hierarchy.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { removeCgroup } from './cgroupfs.js';
import { detectCgroupLayout, hierarchyFor, type CgroupLayout } from './hierarchy.js';
import { PodContainerManager } from './pod-container-manager.js';

const ROOT = `k8ts-test-cm-${process.pid}`;

function usableLayout(): CgroupLayout | string {
  if (process.getuid?.() !== 0) return 'needs root to create cgroups';
  try {
    const l = detectCgroupLayout();
    if (!hierarchyFor(l, 'cpu') || !hierarchyFor(l, 'memory')) return 'no cpu or memory cgroup hierarchy';
    return l;
  } catch (e) {
    return `no cgroups: ${String(e)}`;
  }
}
const layout = usableLayout();
const skip = typeof layout === 'string' ? layout : false;
const L = layout as CgroupLayout;

const c = (requests?: Record<string, string>, limits?: Record<string, string>): Container => ({ name: 'c', image: 'x', resources: { requests, limits } });
const pod = (uid: string, ...containers: Container[]): Pod => ({ metadata: { uid, name: uid, namespace: 'ns' }, spec: { containers } });
const guaranteed = pod('g-1', c({ cpu: '500m', memory: '64Mi' }, { cpu: '500m', memory: '64Mi' }));
const burstable = pod('b-1', c({ cpu: '300m' }));
const bestEffort = pod('e-1', c());

/** The value of a control file of `path` in `controller`'s hierarchy (v1 names). */
const control = (controller: string, path: string, file: string) => readFileSync(join(hierarchyFor(L, controller)!.mountpoint, path, file), 'utf8').trim();
const existsAnywhere = (path: string) => L.hierarchies.some((h) => existsSync(join(h.mountpoint, path)));

let m: PodContainerManager;
before(() => {
  if (!skip) m = new PodContainerManager({ root: ROOT, layout: L });
});
after(async () => {
  if (skip) return;
  const { busy } = await removeCgroup(L, ROOT);
  assert.deepEqual(busy, [], 'the test root is removable at the end');
});

test('start: the QoS tree exists and BestEffort has the minimum shares', { skip }, async () => {
  await m.start();
  for (const p of [ROOT, `${ROOT}/burstable`, `${ROOT}/besteffort`]) {
    for (const h of L.hierarchies) assert.ok(existsSync(join(h.mountpoint, p)), `${p} in ${h.mountpoint}`);
  }
  assert.equal(control('cpu', `${ROOT}/besteffort`, 'cpu.shares'), '2');
  assert.equal(control('cpu', `${ROOT}/burstable`, 'cpu.shares'), '2', 'no Burstable pod yet');
});

const placements: [string, Pod, string][] = [
  ['Guaranteed directly under the root', guaranteed, `/${ROOT}/podg-1`],
  ['Burstable under burstable', burstable, `/${ROOT}/burstable/podb-1`],
  ['BestEffort under besteffort', bestEffort, `/${ROOT}/besteffort/pode-1`],
];
for (const [name, p, want] of placements) {
  test(`ensure: ${name}`, { skip }, async () => {
    assert.equal(await m.ensure(p), want);
    assert.ok(existsAnywhere(want.slice(1)), `${want} exists`);
  });
}

test('ensure: pod-level limits land in the kernel', { skip }, async () => {
  assert.equal(control('memory', `${ROOT}/podg-1`, 'memory.limit_in_bytes'), String(64 * 1024 * 1024));
  assert.equal(control('cpu', `${ROOT}/podg-1`, 'cpu.cfs_quota_us'), '50000');
  assert.equal(control('cpu', `${ROOT}/podg-1`, 'cpu.shares'), '512');
  assert.equal(control('cpu', `${ROOT}/burstable/podb-1`, 'cpu.cfs_quota_us'), '-1', 'no quota without cpu limits');
  assert.equal(control('cpu', `${ROOT}/burstable`, 'cpu.shares'), '307', 'burstable shares = its pods’ requests');
  if (hierarchyFor(L, 'cpuset')) assert.notEqual(control('cpuset', `${ROOT}/podg-1`, 'cpuset.cpus'), '', 'cpuset initialised');
});

test('remove: refused while a process is inside, done once it exited', { skip }, async () => {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  writeFileSync(join(hierarchyFor(L, 'cpu')!.mountpoint, ROOT, 'podg-1', 'cgroup.procs'), String(child.pid));
  assert.equal(await m.remove('g-1'), false, 'busy while sleep runs');
  assert.ok(existsAnywhere(`${ROOT}/podg-1`), 'kept while busy');
  child.kill('SIGKILL');
  await exited;
  assert.equal(await m.remove('g-1'), true, 'removed after the process exited');
  assert.ok(!existsAnywhere(`${ROOT}/podg-1`), 'gone from every hierarchy');
});

test('sweep: removes inactive pods (with leftover container cgroups), keeps active ones', { skip }, async () => {
  // An orphan of an earlier run with a container cgroup runc left behind, in one hierarchy only.
  mkdirSync(join(hierarchyFor(L, 'memory')!.mountpoint, ROOT, 'burstable', 'podorphan', 'ctr1'), { recursive: true });
  const busy = await m.sweep(new Set(['b-1']));
  assert.deepEqual(busy, []);
  assert.ok(existsAnywhere(`${ROOT}/burstable/podb-1`), 'active pod kept');
  assert.ok(!existsAnywhere(`${ROOT}/burstable/podorphan`), 'orphan removed');
  assert.ok(!existsAnywhere(`${ROOT}/besteffort/pode-1`), 'inactive BestEffort pod removed');
  assert.equal(await m.sweep(() => false).then((b) => b.length), 0, 'sweeping everything');
  assert.equal(control('cpu', `${ROOT}/burstable`, 'cpu.shares'), '2', 'burstable shares back to the minimum');
});
