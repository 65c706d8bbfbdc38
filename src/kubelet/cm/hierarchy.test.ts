import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hierarchyFor, parseCgroupLayout } from './hierarchy.js';

const hybrid = [
  '25 1 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755',
  '26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate',
  '27 25 0:24 / /sys/fs/cgroup/systemd rw,nosuid shared:11 - cgroup cgroup rw,xattr,name=systemd',
  '30 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:14 - cgroup cgroup rw,cpu,cpuacct',
  '31 25 0:28 / /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory',
  '32 25 0:29 / /sys/fs/cgroup/with\\040space rw shared:16 - cgroup cgroup rw,pids',
  '40 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
].join('\n');

const unified = [
  '25 1 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot',
  '40 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
].join('\n');

test('parseCgroupLayout: hybrid v1 lists every hierarchy, the unified one without controllers', () => {
  const l = parseCgroupLayout(hybrid);
  assert.equal(l.version, 1);
  assert.deepEqual(l.hierarchies.map((h) => [h.mountpoint, h.controllers.join(','), h.version]), [
    ['/sys/fs/cgroup/unified', '', 2],
    ['/sys/fs/cgroup/systemd', 'name=systemd', 1],
    ['/sys/fs/cgroup/cpu,cpuacct', 'cpu,cpuacct', 1],
    ['/sys/fs/cgroup/memory', 'memory', 1],
    ['/sys/fs/cgroup/with space', 'pids', 1],
  ]);
});

const lookups: [string, string, string | undefined][] = [
  ['hybrid', 'cpu', '/sys/fs/cgroup/cpu,cpuacct'],
  ['hybrid', 'cpuacct', '/sys/fs/cgroup/cpu,cpuacct'],
  ['hybrid', 'memory', '/sys/fs/cgroup/memory'],
  ['hybrid', 'cpuset', undefined],
  ['unified', 'cpu', '/sys/fs/cgroup'],
  ['unified', 'memory', '/sys/fs/cgroup'],
];
for (const [which, controller, want] of lookups) {
  test(`hierarchyFor(${which}, ${controller})`, () => {
    const l = parseCgroupLayout(which === 'hybrid' ? hybrid : unified);
    assert.equal(hierarchyFor(l, controller)?.mountpoint, want);
  });
}

test('parseCgroupLayout: a cgroup2 mount at the root is unified mode', () => {
  const l = parseCgroupLayout(unified);
  assert.equal(l.version, 2);
  assert.equal(l.hierarchies.length, 1);
});
