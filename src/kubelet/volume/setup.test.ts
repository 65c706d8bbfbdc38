import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { setUpPodVolumes } from './manager.js';
import { FakeMounter, ObjectGetter } from './testing/fakes.js';
import { PodVolumesError, type PodVolumes, type VolumeDeps } from './types.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const podWith = (volumes: Volume[]): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'uid-1', labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { memory: '64Mi' } } }], volumes },
});

interface Env {
  root: string;
  podsDir: string;
  client: ObjectGetter;
  mounter: FakeMounter;
  deps: VolumeDeps;
}

async function withEnv(fn: (e: Env) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-volsetup-'));
  const client = new ObjectGetter()
    .put('configmaps', 'ns', { metadata: { name: 'cfg' }, data: { 'app.conf': 'v=1', other: 'o' } } as never)
    .put('secrets', 'ns', { metadata: { name: 'sec' }, data: { password: b64('hunter2'), token: b64('t') } } as never);
  const mounter = new FakeMounter();
  const podsDir = join(root, 'pods');
  try {
    await fn({ root, podsDir, client, mounter, deps: { podsDir, client, mounter, clock: new FakeClock(new Date('2026-01-02T03:04:05Z')) } });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const read = (v: PodVolumes, vol: string, file: string) => readFile(join(v.get(vol)!.path, file), 'utf8');
const volPath = (podsDir: string, plugin: string, name: string) => join(podsDir, 'uid-1', 'volumes', plugin, name);

async function failures(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PodVolumesError, `a PodVolumesError, got ${e}`);
    return e.errors.map((x) => x.message);
  }
  assert.fail('set-up succeeded');
}

test('emptyDir: a 0777 directory at volumes/kubernetes.io~empty-dir/<name>, writable', () =>
  withEnv(async ({ podsDir, deps }) => {
    const v = await setUpPodVolumes(podWith([{ name: 'cache', emptyDir: {} }]), deps);
    const path = volPath(podsDir, 'kubernetes.io~empty-dir', 'cache');
    assert.deepEqual(v.get('cache'), { name: 'cache', plugin: 'kubernetes.io/empty-dir', path, readOnly: false, notes: [] });
    assert.equal((await stat(path)).mode & 0o777, 0o777);
  }));

test('emptyDir medium Memory: a tmpfs of sizeLimit bytes, mounted once across re-runs; no root → a clear error', () =>
  withEnv(async ({ podsDir, deps, mounter }) => {
    const pod = podWith([{ name: 'm', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }]);
    await setUpPodVolumes(pod, deps);
    await setUpPodVolumes(pod, deps);
    assert.deepEqual([...mounter.mounted], [[volPath(podsDir, 'kubernetes.io~empty-dir', 'm'), 1048576]]);
    const unprivileged = { ...deps, podsDir: join(podsDir, 'other'), mounter: new FakeMounter(false) };
    assert.deepEqual(await failures(setUpPodVolumes(pod, unprivileged)), [
      'MountVolume.SetUp failed for volume "m" : emptyDir medium Memory needs a tmpfs mount, which needs the kubelet to run as root',
    ]);
  }));

test('configMap: user-visible key links into ..data, read-only, laid out under kubernetes.io~configmap', () =>
  withEnv(async ({ podsDir, deps }) => {
    const v = await setUpPodVolumes(podWith([{ name: 'config', configMap: { name: 'cfg' } }]), deps);
    const path = volPath(podsDir, 'kubernetes.io~configmap', 'config');
    assert.equal(v.get('config')?.path, path);
    assert.equal(v.get('config')?.readOnly, true, 'configMap volumes are mounted read-only');
    assert.equal(await read(v, 'config', 'app.conf'), 'v=1');
    assert.equal(await readlink(join(path, 'app.conf')), '..data/app.conf');
  }));

test('configMap and secret that do not exist: upstream messages, every volume tried; optional ones are empty', () =>
  withEnv(async ({ deps }) => {
    const pod = podWith([
      { name: 'a', configMap: { name: 'nope' } },
      { name: 'b', secret: { secretName: 'gone' } },
      { name: 'ok', emptyDir: {} },
    ]);
    assert.deepEqual(await failures(setUpPodVolumes(pod, deps)), [
      'MountVolume.SetUp failed for volume "a" : configmap "nope" not found',
      'MountVolume.SetUp failed for volume "b" : secret "gone" not found',
    ]);
    const v = await setUpPodVolumes(podWith([{ name: 'a', configMap: { name: 'nope', optional: true } }, { name: 'b', secret: { secretName: 'gone', optional: true } }]), deps);
    for (const name of ['a', 'b']) {
      assert.deepEqual((await readdir(v.get(name)!.path)).filter((e) => !e.startsWith('..')), [], `optional ${name} is an empty volume`);
    }
  }));

test('secret: base64-decoded values, defaultMode and items with path and mode; memory-backed when asked', () =>
  withEnv(async ({ podsDir, deps, mounter }) => {
    const vol: Volume = { name: 's', secret: { secretName: 'sec', defaultMode: 0o400, items: [{ key: 'password', path: 'db/pass' }, { key: 'token', path: 'tok', mode: 0o600 }] } };
    const v = await setUpPodVolumes(podWith([vol]), { ...deps, memoryBackedSecrets: true });
    assert.equal(await read(v, 's', 'db/pass'), 'hunter2');
    assert.equal((await stat(join(v.get('s')!.path, 'db/pass'))).mode & 0o777, 0o400);
    assert.equal((await stat(join(v.get('s')!.path, 'tok'))).mode & 0o777, 0o600);
    assert.ok(mounter.mounted.has(volPath(podsDir, 'kubernetes.io~secret', 's')), 'the secret volume is a tmpfs');
  }));

test('downwardAPI: pod fields and container resources as files under kubernetes.io~downward-api', () =>
  withEnv(async ({ podsDir, deps }) => {
    const vol: Volume = {
      name: 'info',
      downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'mem', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } }] },
    };
    const v = await setUpPodVolumes(podWith([vol]), deps);
    assert.equal(v.get('info')?.path, volPath(podsDir, 'kubernetes.io~downward-api', 'info'));
    assert.equal(await read(v, 'info', 'labels'), 'app="x"');
    assert.equal(await read(v, 'info', 'mem'), '64');
  }));

test('projected: configMap, secret, downwardAPI and token sources in one directory with defaultMode', () =>
  withEnv(async ({ podsDir, deps }) => {
    const vol: Volume = {
      name: 'all',
      projected: {
        defaultMode: 0o440,
        sources: [
          { configMap: { name: 'cfg', items: [{ key: 'app.conf', path: 'conf/app.conf' }] } },
          { secret: { name: 'sec', items: [{ key: 'password', path: 'pass', mode: 0o400 }] } },
          { secret: { name: 'absent', optional: true } },
          { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
          { serviceAccountToken: { path: 'token', audience: 'api' } },
        ],
      },
    };
    const withToken = { ...deps, tokenSource: async (pod: Pod, s: { audience?: string }) => `tok-${pod.metadata?.name}-${s.audience}` };
    const v = await setUpPodVolumes(podWith([vol]), withToken);
    assert.equal(v.get('all')?.path, volPath(podsDir, 'kubernetes.io~projected', 'all'));
    assert.deepEqual(
      await Promise.all(['conf/app.conf', 'pass', 'name', 'token'].map((f) => read(v, 'all', f))),
      ['v=1', 'hunter2', 'p', 'tok-p-api'],
    );
    assert.equal((await stat(join(v.get('all')!.path, 'name'))).mode & 0o777, 0o440, 'defaultMode');
    assert.equal((await stat(join(v.get('all')!.path, 'pass'))).mode & 0o777, 0o400, 'item mode');
    const noToken = await setUpPodVolumes(podWith([{ ...vol, name: 'nt' }]), deps);
    assert.match(noToken.get('nt')?.notes.join() ?? '', /serviceAccountToken source token skipped/);
    await assert.rejects(readFile(join(noToken.get('nt')!.path, 'token')), /ENOENT/, 'no placeholder token without a source');
  }));

test('re-running set-up refreshes a changed configMap in place: same path, new contents, one version left', () =>
  withEnv(async ({ deps, client }) => {
    const pod = podWith([{ name: 'config', configMap: { name: 'cfg' } }]);
    const v1 = await setUpPodVolumes(pod, deps);
    const path = v1.get('config')!.path;
    client.put('configmaps', 'ns', { metadata: { name: 'cfg' }, data: { 'app.conf': 'v=2' } } as never);
    const v2 = await setUpPodVolumes(pod, deps);
    assert.equal(v2.get('config')?.path, path);
    assert.equal(await read(v2, 'config', 'app.conf'), 'v=2');
    assert.deepEqual((await readdir(path)).filter((e) => !e.startsWith('..')), ['app.conf'], 'the removed key is gone');
    assert.equal((await readdir(path)).filter((e) => e.startsWith('..20')).length, 1, 'the old version was removed');
  }));

test('hostPath: the host path itself, after its type check', () =>
  withEnv(async ({ root, deps }) => {
    const v = await setUpPodVolumes(podWith([{ name: 'h', hostPath: { path: join(root, 'data'), type: 'DirectoryOrCreate' } }]), deps);
    assert.deepEqual(v.get('h'), { name: 'h', plugin: 'kubernetes.io/host-path', path: join(root, 'data'), readOnly: false, notes: [] });
    assert.deepEqual(await failures(setUpPodVolumes(podWith([{ name: 'h', hostPath: { path: join(root, 'data'), type: 'File' } }]), deps)), [
      `MountVolume.SetUp failed for volume "h" : hostPath type check failed: ${join(root, 'data')} is not a file`,
    ]);
  }));

test('persistentVolumeClaim: the bound hostPath or local PV path; unbound, missing and unsupported claims fail', () =>
  withEnv(async ({ root, deps, client }) => {
    await mkdir(join(root, 'local'));
    client
      .put('persistentvolumeclaims', 'ns', { metadata: { name: 'hp', uid: 'c1' }, spec: { volumeName: 'pv-hp' }, status: { phase: 'Bound' } } as never)
      .put('persistentvolumeclaims', 'ns', { metadata: { name: 'loc' }, spec: { volumeName: 'pv-loc' }, status: { phase: 'Bound' } } as never)
      .put('persistentvolumeclaims', 'ns', { metadata: { name: 'pending' }, spec: {}, status: { phase: 'Pending' } } as never)
      .put('persistentvolumeclaims', 'ns', { metadata: { name: 'nfs' }, spec: { volumeName: 'pv-nfs' } } as never)
      .put('persistentvolumes', '', { metadata: { name: 'pv-hp' }, spec: { hostPath: { path: join(root, 'hp'), type: 'DirectoryOrCreate' }, claimRef: { uid: 'c1' } } } as never)
      .put('persistentvolumes', '', { metadata: { name: 'pv-loc' }, spec: { local: { path: join(root, 'local') } } } as never)
      .put('persistentvolumes', '', { metadata: { name: 'pv-nfs' }, spec: { nfs: { server: 's', path: '/' } } } as never);
    const v = await setUpPodVolumes(podWith([{ name: 'a', persistentVolumeClaim: { claimName: 'hp', readOnly: true } }, { name: 'b', persistentVolumeClaim: { claimName: 'loc' } }]), deps);
    assert.deepEqual([v.get('a')?.path, v.get('a')?.readOnly, v.get('b')?.path, v.get('b')?.readOnly], [join(root, 'hp'), true, join(root, 'local'), false]);
    assert.ok((await stat(join(root, 'hp'))).isDirectory(), 'the hostPath PV type check created the directory');
    const bad = podWith([
      { name: 'p', persistentVolumeClaim: { claimName: 'pending' } },
      { name: 'm', persistentVolumeClaim: { claimName: 'missing' } },
      { name: 'n', persistentVolumeClaim: { claimName: 'nfs' } },
    ]);
    assert.deepEqual(await failures(setUpPodVolumes(bad, deps)), [
      'MountVolume.SetUp failed for volume "p" : persistentvolumeclaim "pending" is not bound',
      'MountVolume.SetUp failed for volume "m" : persistentvolumeclaim "missing" not found',
      'MountVolume.SetUp failed for volume "n" : persistentvolume "pv-nfs": only hostPath and local volumes are supported by this kubelet',
    ]);
  }));

test('an unsupported volume source and a pod without a uid fail loudly', () =>
  withEnv(async ({ deps }) => {
    assert.deepEqual(await failures(setUpPodVolumes(podWith([{ name: 'n', nfs: { server: 's', path: '/' } }]), deps)), [
      'MountVolume.SetUp failed for volume "n" : volume source nfs is not supported by this kubelet',
    ]);
    const noUid: Pod = { ...podWith([{ name: 'e', emptyDir: {} }]), metadata: { name: 'p' } };
    assert.deepEqual(await failures(setUpPodVolumes(noUid, deps)), ['MountVolume.SetUp failed for volume "e" : the pod has no metadata.uid']);
  }));
