import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Image } from '../runtime/interface.js';
import { ImageRecords, imageInUse } from './image-records.js';

const image: Image = { id: 'sha256:abc', repoTags: ['docker.io/library/nginx:1'], repoDigests: ['docker.io/library/nginx@sha256:def'], size: 1 };
const ctr = (img: string, imageRef = ''): Container => ({
  id: 'c', podSandboxId: 's', metadata: { name: 'c', attempt: 0 }, image: { image: img }, imageRef, state: 'CONTAINER_RUNNING', createdAt: 0, labels: {}, annotations: {},
});

const uses: [string, Container, boolean][] = [
  ['by image id (containerd)', ctr('sha256:abc'), true],
  ['by tag (fake runtime)', ctr('docker.io/library/nginx:1'), true],
  ['by digest in imageRef', ctr('other', 'docker.io/library/nginx@sha256:def'), true],
  ['another image', ctr('docker.io/library/nginx:2', 'sha256:zzz'), false],
];
for (const [name, c, want] of uses) {
  test(`imageInUse: ${name}`, () => assert.equal(imageInUse(image, [c]), want));
}

test('ImageRecords: images present at the first detection count as seen at 0; later ones at their time; gone ones dropped', () => {
  const r = new ImageRecords();
  r.detect([image], [], 1000);
  const b: Image = { ...image, id: 'sha256:b', repoTags: [] };
  r.detect([image, b], [ctr('sha256:abc')], 2000);
  assert.deepEqual(r.all().map((x) => [x.image.id, x.firstDetected, x.lastUsed, x.inUse]), [
    ['sha256:abc', 0, 2000, true],
    ['sha256:b', 2000, 0, false],
  ]);
  r.detect([b], [], 3000);
  assert.deepEqual(r.all().map((x) => x.image.id), ['sha256:b']);
});
