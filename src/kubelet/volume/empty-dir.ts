/**
 * emptyDir volumes: a directory in the pod's volumes directory, mode 0777 as upstream (containers of one pod may run
 * as different users). medium Memory mounts a tmpfs there, limited to sizeLimit when set; a tmpfs already mounted
 * (a re-run of set-up) is kept, so set-up is idempotent and a container never loses its files.
 */
import { chmod, mkdir } from 'node:fs/promises';
import type { EmptyDirVolumeSource } from 'kubernetes-types/core/v1.js';
import { Quantity } from '../../machinery/quantity/quantity.js';
import type { Mounter } from './types.js';

export async function makeSharedDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o777 });
  await chmod(dir, 0o777);
}

/** Mounts a tmpfs on `dir` unless one is there; a clear error when this process cannot mount. */
export async function ensureTmpfs(dir: string, mounter: Mounter, sizeBytes: number | undefined, what: string): Promise<void> {
  if ((await mounter.mountPointsUnder(dir)).includes(dir)) return;
  if (!mounter.canMount()) throw new Error(`${what} needs a tmpfs mount, which needs the kubelet to run as root`);
  await mounter.mountTmpfs(dir, sizeBytes);
}

export async function setUpEmptyDir(dir: string, src: Readonly<EmptyDirVolumeSource>, mounter: Mounter): Promise<void> {
  await makeSharedDir(dir);
  if (src.medium === 'Memory') {
    const size = src.sizeLimit !== undefined ? Quantity.parse(src.sizeLimit).value() : undefined;
    await ensureTmpfs(dir, mounter, size && size > 0 ? size : undefined, 'emptyDir medium Memory');
    await chmod(dir, 0o777); // the tmpfs root starts 1777
  } else if (src.medium && src.medium !== '') {
    throw new Error(`emptyDir medium ${src.medium} is not supported (only "" and "Memory")`);
  }
}
