import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mountPointsUnder } from './mounts.js';

const mountinfo = [
  '22 1 0:21 / / rw shared:1 - ext4 /dev/vda rw',
  '40 22 0:35 / /d/containerd/state/a/rootfs rw - overlay overlay rw',
  '41 22 0:36 / /d/containerd/state/a/rootfs/proc rw - proc proc rw',
  '42 22 0:37 / /d\\040x/rootfs rw - overlay overlay rw',
  '43 22 0:38 / /dother rw - tmpfs tmpfs rw',
].join('\n');

test('mounts under a directory, deepest first; a sibling with the same prefix is not under it', () => {
  assert.deepEqual(mountPointsUnder(mountinfo, '/d'), ['/d/containerd/state/a/rootfs/proc', '/d/containerd/state/a/rootfs']);
});

test('octal escapes in mount points are decoded', () => {
  assert.deepEqual(mountPointsUnder(mountinfo, '/d x'), ['/d x/rootfs']);
});
