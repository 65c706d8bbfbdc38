import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../machinery/clock/clock.js';
import type { Container, FilesystemUsage, Image, ImageService, ImageSpec, RuntimeService } from '../runtime/interface.js';
import { ImageGCManager, type FsCapacity, type ImageGCManagerOptions } from './gc-manager.js';

const GiB = 1024 ** 3;
const img = (name: string, sizeGiB: number): Image => ({ id: `sha256:${name}`, repoTags: [`docker.io/local/${name}:latest`], repoDigests: [], size: sizeGiB * GiB });

/** An image service whose removals free their size on an injected filesystem of 100 GiB. */
class Images implements ImageService {
  readonly removed: string[] = [];
  constructor(readonly images: Image[], public available: number, readonly failing = new Set<string>()) {}
  pullImage(): Promise<string> {
    throw new Error('not used');
  }
  async imageStatus(spec: ImageSpec) {
    return this.images.find((i) => i.id === spec.image);
  }
  async listImages() {
    return [...this.images];
  }
  async removeImage(spec: ImageSpec) {
    if (this.failing.has(spec.image)) throw new Error('image is busy');
    const i = this.images.findIndex((x) => x.id === spec.image);
    if (i < 0) return;
    this.available += this.images[i]!.size;
    this.removed.push(spec.image);
    this.images.splice(i, 1);
  }
  async imageFsInfo(): Promise<FilesystemUsage[]> {
    return [{ mountpoint: '/var/lib/containerd', usedBytes: this.images.reduce((s, i) => s + i.size, 0), inodesUsed: 0 }];
  }
  fs = async (): Promise<FsCapacity> => ({ capacityBytes: 100 * GiB, availableBytes: this.available });
}

const ctr = (image: string): Container => ({
  id: image,
  podSandboxId: 's',
  metadata: { name: 'c', attempt: 0 },
  image: { image },
  imageRef: '',
  state: 'CONTAINER_EXITED',
  createdAt: 0,
  labels: {},
  annotations: {},
});

function setup(images: Image[], availableGiB: number, o: Partial<ImageGCManagerOptions> & { containers?: Container[]; failing?: string[] } = {}) {
  const clock = new FakeClock();
  const svc = new Images(images, availableGiB * GiB, new Set(o.failing));
  let containers = o.containers ?? [];
  const runtime = { listContainers: async () => containers } as Pick<RuntimeService, 'listContainers'> as RuntimeService;
  const events: string[] = [];
  const m = new ImageGCManager({ images: svc, runtime, clock, fsCapacity: svc.fs, event: (t, r, msg) => events.push(`${t} ${r} ${msg}`), ...o });
  return { clock, svc, m, events, setContainers: (c: Container[]) => (containers = c) };
}

test('below the high threshold nothing is removed', async () => {
  const { m, svc } = setup([img('a', 5)], 16); // 84 % used
  await m.garbageCollect();
  assert.deepEqual(svc.removed, []);
});

test('over the threshold: least recently used first, down to the low threshold; in-use and pinned images stay', async () => {
  const images = [img('old', 4), img('recent', 4), img('used', 50), img('pause', 1), img('extra', 4)];
  const { m, svc, clock, setContainers } = setup(images, 50, { pinnedImages: ['docker.io/local/pause:latest'] });
  // Under the threshold, while usage is recorded: `old` used at the start, `recent` at 1 min, `extra` at 2 min.
  setContainers([ctr('sha256:used'), ctr('docker.io/local/old:latest')]);
  await m.garbageCollect();
  clock.step(60_000);
  setContainers([ctr('sha256:used'), ctr('docker.io/local/recent:latest')]);
  await m.garbageCollect();
  clock.step(60_000);
  setContainers([ctr('sha256:used'), ctr('docker.io/local/extra:latest')]);
  await m.garbageCollect();
  assert.deepEqual(svc.removed, [], 'under the high threshold nothing goes');
  setContainers([ctr('sha256:used')]);
  svc.available = 10 * GiB; // 90 % used → free 100 GiB × 20 % − 10 GiB = 10 GiB
  await m.garbageCollect();
  assert.deepEqual(svc.removed, ['sha256:old', 'sha256:recent', 'sha256:extra'], 'LRU order, 12 GiB freed ≥ 10 GiB');
  assert.ok(svc.images.some((i) => i.id === 'sha256:pause'), 'the sandbox image is pinned');
  assert.ok(svc.images.some((i) => i.id === 'sha256:used'), 'an image of an existing container stays');
});

test('images first seen less than minAge ago are not removed; not enough to free is FreeDiskSpaceFailed', async () => {
  const { m, svc, clock, events } = setup([img('a', 4)], 10);
  await m.garbageCollect().catch(() => undefined); // a: first seen at 0 (present at start) → removed at once
  assert.deepEqual(svc.removed, ['sha256:a']);
  svc.images.push(img('b', 4));
  svc.available = 10 * GiB;
  clock.step(30_000);
  await assert.rejects(m.garbageCollect(), /Attempted to free 10737418240 bytes, but only found 0 bytes eligible to free/);
  assert.deepEqual(svc.removed, ['sha256:a'], 'b is younger than 2 min');
  assert.match(events.at(-1) ?? '', /^Warning FreeDiskSpaceFailed Failed to garbage collect required amount of images/);
  clock.step(120_000);
  await m.garbageCollect().catch(() => undefined);
  assert.deepEqual(svc.removed, ['sha256:a', 'sha256:b'], 'b removed once old enough');
});

test('a failing removal is skipped and the next candidate tried', async () => {
  const { m, svc } = setup([img('a', 8), img('b', 12)], 10, { failing: ['sha256:a'] });
  await m.garbageCollect();
  assert.deepEqual(svc.removed, ['sha256:b']);
});

test('maxAge removes unused images regardless of usage', async () => {
  const { m, svc, clock } = setup([img('a', 1)], 90, { policy: { maxAgeMs: 3_600_000 } });
  await m.garbageCollect();
  clock.step(3_600_001);
  await m.garbageCollect();
  assert.deepEqual(svc.removed, ['sha256:a']);
});

test('invalid thresholds are refused', () => {
  assert.throws(() => setup([], 0, { policy: { highThresholdPercent: 70, lowThresholdPercent: 80 } }), /invalid image GC thresholds/);
});

test('start: two failed passes in a row are an ImageGCFailed event, one is only logged', async () => {
  const { m, svc, clock, events } = setup([], 5, { policy: { minAgeMs: 3_600_000 } });
  const ac = new AbortController();
  m.start(ac.signal);
  await new Promise((r) => setImmediate(r));
  svc.images.push(img('young', 30)); // first seen after the start: protected by the 1 h minimum age
  for (let i = 0; i < 2; i++) {
    clock.step(1000);
    clock.step(299_000);
    for (let j = 0; j < 10; j++) await new Promise((r) => setImmediate(r));
  }
  ac.abort();
  assert.equal(events.filter((e) => e.includes('ImageGCFailed')).length, 1, `events: ${events.join(' | ')}`);
});
