/**
 * Test images: the busybox image (default command `sh`) and the pause image, built from the system's static busybox
 * by the production builder (../oci-image.ts), re-exported here so tests keep one import.
 */
import { join } from 'node:path';
import { BUSYBOX_IMAGE, buildBusyboxImage, buildPauseImage } from '../oci-image.js';

export { APPLETS, BUSYBOX_IMAGE, PAUSE_IMAGE, PAUSE_SCRIPT, STATIC_BUSYBOX, buildBusyboxImage, buildPauseImage } from '../oci-image.js';

/** The busybox image and the pause image, as archives in `dir`. */
export async function buildTestImages(dir: string): Promise<{ busybox: string; pause: string }> {
  const busybox = join(dir, 'busybox.tar');
  const pause = join(dir, 'pause.tar');
  await buildBusyboxImage(busybox, { name: BUSYBOX_IMAGE });
  await buildPauseImage(pause);
  return { busybox, pause };
}
