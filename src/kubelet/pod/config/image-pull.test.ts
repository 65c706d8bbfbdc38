import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../../machinery/clock/clock.js';
import type { Image, ImageService, ImageSpec, PodSandboxConfig } from '../../runtime/interface.js';
import { ImagePuller, pullPolicy, withDefaultTag } from './image-pull.js';
import { ContainerStartError } from './source.js';
import { container, testPod } from './testing.js';

const policyCases: [string, string | undefined, string][] = [
  ['busybox', undefined, 'Always'],
  ['busybox:latest', undefined, 'Always'],
  ['busybox:1.36', undefined, 'IfNotPresent'],
  ['127.0.0.1:5000/busybox', undefined, 'Always'],
  ['127.0.0.1:5000/busybox:v1', undefined, 'IfNotPresent'],
  ['busybox@sha256:abc', undefined, 'IfNotPresent'],
  ['busybox:latest@sha256:abc', undefined, 'Always'],
  ['busybox', 'Never', 'Never'],
];
for (const [image, set, want] of policyCases) {
  test(`pullPolicy: ${image} ${set ?? '(unset)'} → ${want}`, () => {
    assert.equal(pullPolicy(container({ image, imagePullPolicy: set })), want);
  });
}

const tagCases: [string, string][] = [
  ['busybox', 'busybox:latest'],
  ['127.0.0.1:5000/busybox', '127.0.0.1:5000/busybox:latest'],
  ['busybox:1', 'busybox:1'],
  ['busybox@sha256:abc', 'busybox@sha256:abc'],
];
for (const [image, want] of tagCases) {
  test(`withDefaultTag: ${image} → ${want}`, () => assert.equal(withDefaultTag(image), want));
}

/** An ImageService with a set of present images, whose pulls fail while `failing` is set. */
class ScriptedImages implements ImageService {
  readonly calls: string[] = [];
  failing = false;
  statusDown = false;
  constructor(readonly present = new Set<string>()) {}
  async pullImage(spec: ImageSpec): Promise<string> {
    this.calls.push(`pull ${spec.image}`);
    if (this.failing) throw new Error(`failed to pull and unpack image "${spec.image}": not found`);
    this.present.add(spec.image);
    return `${spec.image}@sha256:1`;
  }
  async imageStatus(spec: ImageSpec): Promise<Image | undefined> {
    this.calls.push(`status ${spec.image}`);
    if (this.statusDown) throw new Error('connection refused');
    return this.present.has(spec.image) ? { id: 'sha256:1', repoTags: [spec.image], repoDigests: [], size: 0 } : undefined;
  }
  async listImages(): Promise<Image[]> {
    return [];
  }
}

const sandbox = {} as PodSandboxConfig;

const ensureCases: { name: string; image: string; policy?: string; present: string[]; calls: string[]; error?: [string, string] }[] = [
  { name: 'Always pulls even when present (no status call)', image: 'a:1', policy: 'Always', present: ['a:1'], calls: ['pull a:1'] },
  { name: 'IfNotPresent and present: no pull', image: 'a:1', present: ['a:1'], calls: ['status a:1'] },
  { name: 'IfNotPresent and absent: pulled', image: 'a:1', present: [], calls: ['status a:1', 'pull a:1'] },
  { name: 'default tag: latest is pulled as :latest', image: 'a', present: [], calls: ['pull a:latest'] },
  { name: 'Never and present: used', image: 'a:1', policy: 'Never', present: ['a:1'], calls: ['status a:1'] },
  { name: 'Never and absent: ErrImageNeverPull', image: 'a:1', policy: 'Never', present: [], calls: ['status a:1'], error: ['ErrImageNeverPull', 'Container image "a:1" is not present with pull policy of Never'] },
];
for (const t of ensureCases) {
  test(`ImagePuller.ensure: ${t.name}`, async () => {
    const images = new ScriptedImages(new Set(t.present));
    const p = new ImagePuller(images, new FakeClock()).ensure(testPod(), container({ image: t.image, imagePullPolicy: t.policy }), sandbox);
    if (t.error) await assert.rejects(p, (e: unknown) => e instanceof ContainerStartError && e.reason === t.error![0] && e.message === t.error![1]);
    else await p;
    assert.deepEqual(images.calls, t.calls);
  });
}

test('ImagePuller.ensure: a failed pull is ErrImagePull, then ImagePullBackOff for 10 s, 20 s … per pod and image', async () => {
  const clock = new FakeClock();
  const images = new ScriptedImages();
  images.failing = true;
  const puller = new ImagePuller(images, clock);
  const c = container({ image: 'reg/app:v1' });
  const attempt = async (pod = testPod()): Promise<string> => {
    try {
      await puller.ensure(pod, c, sandbox);
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof ContainerStartError, 'a ContainerStartError');
      return `${e.reason}: ${e.message}`;
    }
  };
  assert.equal(await attempt(), 'ErrImagePull: failed to pull and unpack image "reg/app:v1": not found');
  clock.step(9_999);
  assert.equal(await attempt(), 'ImagePullBackOff: Back-off pulling image "reg/app:v1": ErrImagePull: failed to pull and unpack image "reg/app:v1": not found');
  assert.equal(await attempt(testPod({}, { uid: 'other' })), 'ErrImagePull: failed to pull and unpack image "reg/app:v1": not found', 'another pod has its own backoff');
  clock.step(1);
  assert.equal(await attempt(), 'ErrImagePull: failed to pull and unpack image "reg/app:v1": not found', 'the backoff ended: pulled again');
  clock.step(19_999);
  assert.equal(await attempt(), 'ImagePullBackOff: Back-off pulling image "reg/app:v1": ErrImagePull: failed to pull and unpack image "reg/app:v1": not found', 'the backoff doubled');
  clock.step(1);
  images.failing = false;
  assert.equal(await attempt(), 'ok');
  assert.equal(images.calls.filter((x) => x.startsWith('pull')).length, 4, 'no pulls within a backoff');
});

test('ImagePuller.ensure: a failing image status is ImageInspectError', async () => {
  const images = new ScriptedImages();
  images.statusDown = true;
  const p = new ImagePuller(images, new FakeClock()).ensure(testPod(), container({ image: 'a:1' }), sandbox);
  await assert.rejects(p, (e: unknown) => e instanceof ContainerStartError && e.reason === 'ImageInspectError' && e.message === 'Failed to inspect image "a:1": connection refused');
});
