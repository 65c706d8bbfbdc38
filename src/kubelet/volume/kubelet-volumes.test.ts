import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { KubeletVolumes } from './kubelet-volumes.js';
import { FakeMounter, ObjectGetter } from './testing/fakes.js';

const pod: Pod = {
  metadata: { name: 'p', namespace: 'ns', uid: 'uid-1' },
  spec: {
    containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }, { name: 'work', mountPath: '/w', subPathExpr: '$(POD)' }] }],
    volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'work', emptyDir: {} }],
  },
};

test('KubeletVolumes: set up, mounts with subPathExpr from the env, refresh on a later setUp, tear down', async () => {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-kvol-'));
  try {
    const client = new ObjectGetter().put('configmaps', 'ns', { metadata: { name: 'cfg' }, data: { 'app.conf': 'v=1' } } as never);
    const podsDir = join(root, 'pods');
    // A mounter that cannot mount: subPaths are resolved in place, not bound (what an unprivileged kubelet does).
    const mounter = new FakeMounter();
    mounter.canMount = () => false;
    const vols = new KubeletVolumes({ podsDir, client, mounter });
    await vols.setUp(pod);
    const mounts = await vols.mounts(pod, pod.spec!.containers[0]!, new Map([['POD', 'p']]));
    assert.deepEqual(mounts.map((m) => [m.containerPath, m.readonly ?? false]), [['/etc/app', true], ['/w', false]]);
    assert.equal(await readFile(join(mounts[0]!.hostPath, 'app.conf'), 'utf8'), 'v=1');
    assert.ok(mounts[1]!.hostPath.endsWith(join('work', 'p')), `subPathExpr expanded: ${mounts[1]!.hostPath}`);

    client.put('configmaps', 'ns', { metadata: { name: 'cfg' }, data: { 'app.conf': 'v=2' } } as never);
    await vols.setUp(pod);
    assert.equal(await readFile(join(mounts[0]!.hostPath, 'app.conf'), 'utf8'), 'v=2', 'the same host path shows the new contents');

    await vols.tearDown('uid-1');
    assert.deepEqual(await readdir(podsDir), [], 'nothing of the pod is left');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
