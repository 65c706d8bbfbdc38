import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { tearDownPodVolumes } from './manager.js';
import { hostMounter } from './mounter.js';
import { mountsFor } from './mounts.js';
import { bindSubPath } from './subpath-bind.js';
import type { Mounter, PodVolumes } from './types.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'bind mounts need root' : undefined;

interface Env {
  podsDir: string;
  vol: string;
  outside: string;
  target: string;
}

async function withEnv(fn: (e: Env) => Promise<void>): Promise<void> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'k8ts-subbind-')));
  const podsDir = join(root, 'pods');
  const vol = join(podsDir, 'uid-s', 'volumes', 'kubernetes.io~empty-dir', 'work');
  try {
    await mkdir(join(vol, 'data'), { recursive: true });
    await writeFile(join(vol, 'data', 'in'), 'inside');
    await writeFile(join(vol, 'file'), 'a file');
    await mkdir(join(root, 'outside'));
    await writeFile(join(root, 'outside', 'secret'), 'host secret');
    await fn({ podsDir, vol, outside: join(root, 'outside'), target: join(podsDir, 'uid-s', 'volume-subpaths', 'work', 'c', '0') });
  } finally {
    for (const m of await hostMounter.mountPointsUnder(root)) await hostMounter.unmount(m).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}

const pod: Pod = { metadata: { name: 'p', uid: 'uid-s' }, spec: { containers: [] } };

test('mountsFor with binding: subPaths become verified bind mounts under volume-subpaths, reused on restart, torn down', { skip: NOT_ROOT }, () =>
  withEnv(async ({ podsDir, vol }) => {
    const volumes: PodVolumes = new Map([['work', { name: 'work', plugin: 'kubernetes.io/empty-dir', path: vol, readOnly: false, notes: [] }]]);
    const c: Container = { name: 'c', image: 'i', volumeMounts: [{ name: 'work', mountPath: '/d', subPath: 'data' }, { name: 'work', mountPath: '/f', subPath: 'file' }] };
    const mounts = await mountsFor(pod, c, volumes, {}, { podsDir });
    const targets = [join(podsDir, 'uid-s/volume-subpaths/work/c/0'), join(podsDir, 'uid-s/volume-subpaths/work/c/1')];
    assert.deepEqual(mounts.map((m) => m.hostPath), targets);
    assert.equal(await readFile(join(targets[0]!, 'in'), 'utf8'), 'inside', 'the directory is bound');
    assert.equal(await readFile(targets[1]!, 'utf8'), 'a file', 'the file is bound');
    await mountsFor(pod, c, volumes, {}, { podsDir });
    assert.deepEqual((await hostMounter.mountPointsUnder(join(podsDir, 'uid-s'))).sort(), targets, 'each target mounted once after a restart');
    await tearDownPodVolumes('uid-s', { podsDir });
    assert.deepEqual(await hostMounter.mountPointsUnder(podsDir), [], 'all unmounted');
    assert.deepEqual(await readdir(podsDir), [], 'nothing left');
  }));

test('bindSubPath: a directory swapped for a symlink out of the volume before the bind is refused and unmounted', { skip: NOT_ROOT }, () =>
  withEnv(async ({ vol, outside, target }) => {
    const resolved = join(vol, 'data');
    await rename(resolved, join(vol, 'data.old'));
    await symlink(outside, resolved);
    await assert.rejects(bindSubPath(vol, resolved, target, hostMounter), /changed while it was being mounted: not within volume path/);
    assert.deepEqual(await hostMounter.mountPointsUnder(target), [], 'the escaping bind was undone');
  }));

test('bindSubPath: a swap out and back around the bind is caught by the inode check', { skip: NOT_ROOT }, () =>
  withEnv(async ({ vol, outside, target }) => {
    const resolved = join(vol, 'data');
    const racing: Mounter = {
      ...hostMounter,
      bindMount: async (src, dst) => {
        await rename(resolved, join(vol, 'data.real'));
        await symlink(outside, resolved);
        await hostMounter.bindMount(src, dst);
        await rm(resolved);
        await rename(join(vol, 'data.real'), resolved);
      },
    };
    await assert.rejects(bindSubPath(vol, resolved, target, racing), /changed while it was being mounted/);
    assert.deepEqual(await hostMounter.mountPointsUnder(target), [], 'the escaping bind was undone');
  }));

test('mountsFor with binding but no right to mount fails loudly', () =>
  withEnv(async ({ podsDir, vol }) => {
    const volumes: PodVolumes = new Map([['work', { name: 'work', plugin: 'kubernetes.io/empty-dir', path: vol, readOnly: false, notes: [] }]]);
    const unprivileged: Mounter = { ...hostMounter, canMount: () => false };
    const c: Container = { name: 'c', image: 'i', volumeMounts: [{ name: 'work', mountPath: '/d', subPath: 'data' }] };
    await assert.rejects(mountsFor(pod, c, volumes, {}, { podsDir, mounter: unprivileged }), { message: 'subPath bind mounts need the kubelet to run as root' });
  }));
