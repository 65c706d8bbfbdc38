/**
 * The images a node needs before its first pod: every `*.tar` of a preload directory (`<data-dir>/images`),
 * imported in name order at each start (importing an image already present is cheap), then the sandbox (pause)
 * image, built from the system's static busybox when neither the runtime nor the preload had it (nothing can be
 * pulled from the internet).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageService } from '../interface.js';
import { importImageArchive } from './images.js';
import { PAUSE_IMAGE, STATIC_BUSYBOX, buildPauseImage } from './oci-image.js';

export interface PauseImageResult {
  image: string;
  /** True when it was built and imported now; false when the runtime had it. */
  built: boolean;
}

/** Makes sure the sandbox image is in the runtime; `workDir` holds the archive while it is built. */
export async function ensurePauseImage(images: ImageService, socket: string, workDir: string, busybox = STATIC_BUSYBOX): Promise<PauseImageResult> {
  if (await images.imageStatus({ image: PAUSE_IMAGE })) return { image: PAUSE_IMAGE, built: false };
  if (!existsSync(busybox)) {
    throw new Error(
      `the sandbox image ${PAUSE_IMAGE} is not in containerd and ${busybox} is missing to build it: ` +
        `apt-get install -y busybox-static, or preload an archive of an image named ${PAUSE_IMAGE}`,
    );
  }
  const tmp = mkdtempSync(join(workDir, 'pause-'));
  try {
    const archive = join(tmp, 'pause.tar');
    await buildPauseImage(archive, busybox);
    await importImageArchive(archive, { socket });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { image: PAUSE_IMAGE, built: true };
}

/** The archives of a preload directory, in name order (none when the directory is missing). */
export function preloadArchives(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.tar')).sort().map((f) => join(dir, f));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Imports every archive of `dir`; returns the image names stored. */
export async function importPreloadDir(dir: string, socket: string): Promise<string[]> {
  const names: string[] = [];
  for (const archive of preloadArchives(dir)) names.push(...(await importImageArchive(archive, { socket })));
  return names;
}
