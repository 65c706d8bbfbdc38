import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ImageService } from '../interface.js';
import { PAUSE_IMAGE } from './oci-image.js';
import { ensurePauseImage, preloadArchives } from './preload.js';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-preload-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An image service that knows `present` only (the other methods are not called by ensurePauseImage). */
const images = (present: string[]): ImageService =>
  ({ imageStatus: async ({ image }: { image: string }) => (present.includes(image) ? { id: 'sha256:1', repoTags: [image] } : undefined) }) as unknown as ImageService;

test('preload archives: only *.tar, in name order; a missing folder is empty', () => {
  for (const f of ['b.tar', 'a.tar', 'notes.txt', 'c.tar.gz']) writeFileSync(join(dir, f), '');
  assert.deepEqual(preloadArchives(dir), [join(dir, 'a.tar'), join(dir, 'b.tar')]);
  assert.deepEqual(preloadArchives(join(dir, 'absent')), []);
});

test('the pause image already present is neither built nor imported', async () => {
  assert.deepEqual(await ensurePauseImage(images([PAUSE_IMAGE]), '/nonexistent.sock', dir, '/nonexistent/busybox'), { image: PAUSE_IMAGE, built: false });
});

test('without the pause image and without busybox, the error says how to get one', async () => {
  await assert.rejects(ensurePauseImage(images([]), '/nonexistent.sock', dir, '/nonexistent/busybox'), (e: Error) => {
    assert.match(e.message, /docker\.io\/local\/pause:latest is not in containerd and \/nonexistent\/busybox is missing to build it: apt-get install -y busybox-static/);
    return true;
  });
});
