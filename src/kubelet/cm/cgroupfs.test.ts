/**
 * The cgroupfs operations against a plain directory tree standing in for the hierarchies: what is created and
 * written (real-kernel behaviour — rmdir, busy cgroups — is in pod-container-manager.test.ts, as root).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ensureCgroup, listChildren, writeResources } from './cgroupfs.js';
import type { CgroupLayout } from './hierarchy.js';

const base = mkdtempSync(join(tmpdir(), 'k8ts-cgroupfs-'));
after(() => rmSync(base, { recursive: true, force: true }));
const read = (...p: string[]) => readFileSync(join(base, ...p), 'utf8');

function v1Layout(name: string): CgroupLayout {
  const root = join(base, name);
  for (const d of ['cpu', 'memory', 'cpuset', 'pids']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'cpuset', 'cpuset.cpus'), '0-1\n');
  writeFileSync(join(root, 'cpuset', 'cpuset.mems'), '0\n');
  return {
    version: 1,
    hierarchies: ['cpu', 'memory', 'cpuset', 'pids'].map((c) => ({ mountpoint: join(root, c), controllers: [c], version: 1 as const })),
  };
}

test('ensureCgroup v1: every hierarchy gets the path; each new cpuset level copies its parent', async () => {
  const l = v1Layout('v1');
  await ensureCgroup(l, 'kp/burstable/podA');
  for (const c of ['cpu', 'memory', 'pids']) assert.deepEqual(await listChildren({ ...l, hierarchies: [l.hierarchies.find((h) => h.controllers[0] === c)!] }, 'kp/burstable'), ['podA']);
  for (const level of ['kp', 'kp/burstable', 'kp/burstable/podA']) {
    assert.equal(read('v1', 'cpuset', level, 'cpuset.cpus'), '0-1', `cpuset.cpus of ${level}`);
    assert.equal(read('v1', 'cpuset', level, 'cpuset.mems'), '0', `cpuset.mems of ${level}`);
  }
});

test('writeResources v1: only the fields that are set, in their controllers', async () => {
  const l = v1Layout('v1w');
  await ensureCgroup(l, 'kp/podG');
  await writeResources(l, 'kp/podG', { cpuShares: 512, cpuPeriod: 100000, cpuQuota: 50000, memoryLimitBytes: 1048576, pidsLimit: 64 });
  assert.equal(read('v1w', 'cpu', 'kp/podG', 'cpu.shares'), '512');
  assert.equal(read('v1w', 'cpu', 'kp/podG', 'cpu.cfs_period_us'), '100000');
  assert.equal(read('v1w', 'cpu', 'kp/podG', 'cpu.cfs_quota_us'), '50000');
  assert.equal(read('v1w', 'memory', 'kp/podG', 'memory.limit_in_bytes'), '1048576');
  assert.equal(read('v1w', 'pids', 'kp/podG', 'pids.max'), '64');
  await ensureCgroup(l, 'kp/podH');
  await writeResources(l, 'kp/podH', { cpuShares: 2 });
  assert.throws(() => read('v1w', 'memory', 'kp/podH', 'memory.limit_in_bytes'), /ENOENT/, 'no memory limit written when unset');
});

test('ensureCgroup + writeResources v2: controllers delegated down the tree, v2 file names and units', async () => {
  const root = join(base, 'v2');
  mkdirSync(root);
  writeFileSync(join(root, 'cgroup.controllers'), 'cpuset cpu io memory pids\n');
  const l: CgroupLayout = { version: 2, hierarchies: [{ mountpoint: root, controllers: [], version: 2 }] };
  await ensureCgroup(l, 'kp/podG');
  // A plain file keeps only the last write; the kernel accumulates them. Each level was asked for its controllers.
  assert.equal(read('v2', 'cgroup.subtree_control'), '+io', 'root delegates every offered controller (the last write is +io)');
  await writeResources(l, 'kp/podG', { cpuShares: 1024, cpuPeriod: 100000, cpuQuota: 50000, memoryLimitBytes: 1048576 });
  assert.equal(read('v2', 'kp/podG', 'cpu.weight'), '39');
  assert.equal(read('v2', 'kp/podG', 'cpu.max'), '50000 100000');
  assert.equal(read('v2', 'kp/podG', 'memory.max'), '1048576');
});
