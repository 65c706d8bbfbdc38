import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { setUpPodVolumes, tearDownOrphanedPodVolumes, tearDownPodVolumes } from './manager.js';
import { hostMounter } from './mounter.js';
import { FakeMounter, ObjectGetter } from './testing/fakes.js';

const podWith = (uid: string, volumes: Volume[]): Pod => ({ metadata: { name: 'p', namespace: 'ns', uid }, spec: { containers: [], volumes } });

async function withRoot(fn: (root: string, podsDir: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-teardown-'));
  try {
    await fn(root, join(root, 'pods'));
  } finally {
    for (const m of await hostMounter.mountPointsUnder(root)) await hostMounter.unmount(m).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
}

const client = new ObjectGetter().put('configmaps', 'ns', { metadata: { name: 'cfg' }, data: { k: 'v' } } as never);

test('tearDownPodVolumes removes every volume and the pod directory, unmounts tmpfs first, never touches host paths', () =>
  withRoot(async (root, podsDir) => {
    const mounter = new FakeMounter();
    const hostData = join(root, 'host-data');
    const pod = podWith('uid-a', [
      { name: 'e', emptyDir: {} },
      { name: 'm', emptyDir: { medium: 'Memory' } },
      { name: 'c', configMap: { name: 'cfg' } },
      { name: 'd', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
      { name: 'h', hostPath: { path: hostData, type: 'DirectoryOrCreate' } },
    ]);
    const vols = await setUpPodVolumes(pod, { podsDir, client, mounter });
    await writeFile(join(vols.get('e')!.path, 'scratch'), 'x');
    await writeFile(join(hostData, 'keep'), 'precious');
    await tearDownPodVolumes('uid-a', { podsDir, mounter });
    assert.deepEqual([...mounter.mounted.keys()], [], 'the tmpfs was unmounted');
    assert.deepEqual(await readdir(podsDir), [], 'nothing of the pod is left');
    assert.equal(await readFile(join(hostData, 'keep'), 'utf8'), 'precious', 'hostPath contents untouched');
    await tearDownPodVolumes('uid-a', { podsDir, mounter });
  }));

test('tearDownPodVolumes refuses to remove anything while a mount stays, and rejects odd uids', () =>
  withRoot(async (_root, podsDir) => {
    const mounter = new FakeMounter();
    const vols = await setUpPodVolumes(podWith('uid-b', [{ name: 'm', emptyDir: { medium: 'Memory' } }]), { podsDir, mounter });
    mounter.stuck.add(vols.get('m')!.path);
    await assert.rejects(tearDownPodVolumes('uid-b', { podsDir, mounter }), /tearing down the volumes of pod uid-b: still mounted: .*kubernetes.io~empty-dir\/m; not removing/);
    assert.ok((await stat(vols.get('m')!.path)).isDirectory(), 'the mounted volume was left alone');
    for (const uid of ['', '..', 'a/b']) await assert.rejects(tearDownPodVolumes(uid, { podsDir, mounter }), /invalid pod uid/);
  }));

test('tearDownOrphanedPodVolumes tears down pods not kept and leaves kept ones and non-pod entries', () =>
  withRoot(async (_root, podsDir) => {
    const mounter = new FakeMounter();
    for (const uid of ['keep', 'gone-1', 'gone-2']) await setUpPodVolumes(podWith(uid, [{ name: 'e', emptyDir: {} }]), { podsDir, mounter });
    await mkdir(join(podsDir, 'no-volumes'));
    const torn = await tearDownOrphanedPodVolumes(new Set(['keep']), { podsDir, mounter });
    assert.deepEqual(torn.sort(), ['gone-1', 'gone-2']);
    assert.deepEqual((await readdir(podsDir)).sort(), ['keep', 'no-volumes']);
  }));

test('emptyDir medium Memory on a real tmpfs (root): size from sizeLimit, torn down by umount', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('mounting a tmpfs needs root');
  await withRoot(async (_root, podsDir) => {
    const vols = await setUpPodVolumes(podWith('uid-t', [{ name: 'm', emptyDir: { medium: 'Memory', sizeLimit: '2Mi' } }]), { podsDir });
    const path = vols.get('m')!.path;
    const line = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').find((l) => l.split(' ')[4] === path);
    assert.ok(line, `a mount at ${path}`);
    assert.match(line, / - tmpfs tmpfs .*size=2048k/, 'a tmpfs of 2Mi');
    await writeFile(join(path, 'f'), 'in memory');
    await setUpPodVolumes(podWith('uid-t', [{ name: 'm', emptyDir: { medium: 'Memory', sizeLimit: '2Mi' } }]), { podsDir });
    assert.equal(await readFile(join(path, 'f'), 'utf8'), 'in memory', 'a re-run keeps the tmpfs and its files');
    assert.equal((await hostMounter.mountPointsUnder(path)).length, 1, 'mounted once');
    await tearDownPodVolumes('uid-t', { podsDir });
    assert.deepEqual(await hostMounter.mountPointsUnder(podsDir), [], 'unmounted');
    assert.deepEqual(await readdir(podsDir), [], 'nothing left');
  });
});
