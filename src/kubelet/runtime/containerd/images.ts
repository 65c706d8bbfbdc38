/**
 * Importing image archives (OCI layout or docker-archive tars) into a containerd's `k8s.io` namespace, where the
 * CRI sees them. Uses containerd's own `ctr` (same package) against the given socket.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { requireBinary } from './binaries.js';

const run = promisify(execFile);

/** The containerd namespace the cri plugin uses. */
export const CRI_NAMESPACE = 'k8s.io';

export interface ImportOptions {
  /** containerd's socket path (not a unix:// URL). */
  socket: string;
  /** Bound on the import (default 60 s). */
  timeoutMs?: number;
}

/** Imports one archive; the image names come from its index annotations (io.containerd.image.name). */
export async function importImageArchive(archive: string, opts: ImportOptions): Promise<string> {
  const ctr = requireBinary('ctr', 'containerd');
  const socket = opts.socket.replace(/^unix:\/\//, '');
  try {
    const { stdout } = await run(ctr, ['-n', CRI_NAMESPACE, '-a', socket, 'images', 'import', archive], {
      timeout: opts.timeoutMs ?? 60_000,
    });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`ctr images import ${archive} failed: ${err.stderr?.trim() || err.message}`);
  }
}
