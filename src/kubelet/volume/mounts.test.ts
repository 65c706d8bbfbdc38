import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { mountsFor } from './mounts.js';
import { expandSubPathExpr, resolveSubPath } from './subpath.js';
import type { PodVolumes } from './types.js';

async function withVolume(fn: (vol: string, outside: string) => Promise<void>): Promise<void> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'k8ts-subpath-')));
  const vol = join(root, 'vol');
  try {
    await mkdir(join(vol, 'data/inner'), { recursive: true });
    await mkdir(join(root, 'outside'));
    await writeFile(join(vol, 'data/file'), 'f');
    await symlink('/etc', join(vol, 'etc-link'));
    await symlink('../outside', join(vol, 'rel-escape'));
    await symlink('data/inner', join(vol, 'inner-link'));
    await symlink('/nonexistent-target', join(vol, 'dangling'));
    await fn(vol, join(root, 'outside'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// [subPath, expected real path relative to the volume, or an error pattern]
const cases: [string, string | RegExp][] = [
  ['data', 'data'],
  ['data/file', 'data/file'],
  ['./data//inner/', 'data/inner'],
  ['inner-link', 'data/inner'],
  ['inner-link/new', 'data/inner/new'],
  ['etc-link', /subpath ".*\/vol\/etc-link" not within volume path ".*\/vol"/],
  ['etc-link/passwd', /not within volume path/],
  ['rel-escape', /not within volume path/],
  ['rel-escape/x', /not within volume path/],
  ['dangling', /not within volume path/],
  ['/etc', /error SubPath `\/etc` must not be an absolute path/],
  ['a/../../etc', /unable to provision SubPath `a\/..\/..\/etc`: must not contain '\.\.'/],
  ['data/file/below', /failed to create subPath directory/],
];

for (const [sub, want] of cases) {
  test(`resolveSubPath ${JSON.stringify(sub)} → ${want instanceof RegExp ? 'rejected' : want}`, () =>
    withVolume(async (vol, outside) => {
      if (want instanceof RegExp) {
        await assert.rejects(resolveSubPath(vol, sub), want);
        await assert.rejects(stat(join(outside, 'x')), /ENOENT/, 'nothing was created outside the volume');
      } else {
        assert.equal(await resolveSubPath(vol, sub), join(vol, want));
      }
    }));
}

test('resolveSubPath creates a missing subPath as 0755 directories inside the volume', () =>
  withVolume(async (vol) => {
    const p = await resolveSubPath(vol, 'new/deeper');
    assert.equal(p, join(vol, 'new/deeper'));
    const st = await stat(p);
    assert.ok(st.isDirectory(), 'created as a directory');
    assert.equal(st.mode & 0o777, 0o755);
  }));

const expandCases: [string, Record<string, string>, string | RegExp][] = [
  ['$(POD_NAME)/logs', { POD_NAME: 'web-0' }, 'web-0/logs'],
  ['$(A)-$(B)', { A: 'x', B: 'y' }, 'x-y'],
  ['cost$$', {}, 'cost$'],
  ['$(MISSING)/$(EMPTY)', { EMPTY: '' }, /^missing value for EMPTY, MISSING$/],
  ['plain', {}, 'plain'],
];

for (const [expr, env, want] of expandCases) {
  test(`expandSubPathExpr ${JSON.stringify(expr)}`, () => {
    if (want instanceof RegExp) assert.throws(() => expandSubPathExpr(expr, env), { message: want });
    else assert.equal(expandSubPathExpr(expr, env), want);
  });
}

const pod: Pod = { metadata: { name: 'p', uid: 'u' }, spec: { containers: [] } };

test('mountsFor: paths, read-only from the mount or the volume, subPath and subPathExpr, propagation', () =>
  withVolume(async (vol) => {
    const volumes: PodVolumes = new Map([
      ['work', { name: 'work', plugin: 'kubernetes.io/empty-dir', path: vol, readOnly: false, notes: [] }],
      ['cfg', { name: 'cfg', plugin: 'kubernetes.io/configmap', path: '/cfg', readOnly: true, notes: [] }],
    ]);
    const c: Container = {
      name: 'c',
      image: 'i',
      volumeMounts: [
        { name: 'work', mountPath: '/work' },
        { name: 'work', mountPath: '/ro', readOnly: true, mountPropagation: 'HostToContainer' },
        { name: 'cfg', mountPath: '/etc/app' },
        { name: 'work', mountPath: '/d', subPath: 'data' },
        { name: 'work', mountPath: '/logs', subPathExpr: '$(POD)/logs' },
      ],
    };
    assert.deepEqual(await mountsFor(pod, c, volumes, { POD: 'p-0' }), [
      { containerPath: '/work', hostPath: vol, readonly: false, propagation: 'PROPAGATION_PRIVATE' },
      { containerPath: '/ro', hostPath: vol, readonly: true, propagation: 'PROPAGATION_HOST_TO_CONTAINER' },
      { containerPath: '/etc/app', hostPath: '/cfg', readonly: true, propagation: 'PROPAGATION_PRIVATE' },
      { containerPath: '/d', hostPath: join(vol, 'data'), readonly: false, propagation: 'PROPAGATION_PRIVATE' },
      { containerPath: '/logs', hostPath: join(vol, 'p-0/logs'), readonly: false, propagation: 'PROPAGATION_PRIVATE' },
    ]);
  }));

test('mountsFor rejects an unknown volume, a symlink escape, and Bidirectional for an unprivileged container', () =>
  withVolume(async (vol) => {
    const volumes: PodVolumes = new Map([['work', { name: 'work', plugin: 'kubernetes.io/empty-dir', path: vol, readOnly: false, notes: [] }]]);
    const run = (vm: NonNullable<Container['volumeMounts']>[number], privileged = false) =>
      mountsFor(pod, { name: 'c', image: 'i', volumeMounts: [vm], securityContext: { privileged } }, volumes);
    await assert.rejects(run({ name: 'nope', mountPath: '/x' }), { message: 'cannot find volume "nope" to mount into container "c"' });
    await assert.rejects(run({ name: 'work', mountPath: '/x', subPath: 'a', subPathExpr: 'b' }), /mutually exclusive/);
    await assert.rejects(run({ name: 'work', mountPath: '/x', subPath: 'etc-link' }), /not within volume path/);
    await assert.rejects(run({ name: 'work', mountPath: '/x', mountPropagation: 'Bidirectional' }), { message: 'Bidirectional mount propagation is available only to privileged containers' });
    const [m] = await run({ name: 'work', mountPath: '/x', mountPropagation: 'Bidirectional' }, true);
    assert.equal(m?.propagation, 'PROPAGATION_BIDIRECTIONAL');
  }));
