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
  /** containerd's socket path (a unix:// URL is accepted too). */
  socket: string;
  /**
   * The fully-qualified name to store the image under, for an OCI layout whose index names it only by tag
   * (org.opencontainers.image.ref.name) or not at all: the archive's index is kept as this image.
   */
  name?: string;
  /** Bound on the import (default 60 s). */
  timeoutMs?: number;
}

/** The image names `ctr images import` printed (`unpacking <name> (sha256:…)…done`). */
export function parseImportedNames(stdout: string): string[] {
  return [...stdout.matchAll(/^unpacking (\S+) \(sha256:[0-9a-f]+\)/gm)].map((m) => m[1]!);
}

/** `repo` of `repo:tag` (a registry port is not a tag); `repo@digest` keeps its repo. */
export function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  if (at >= 0) return ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

/** ctr's arguments: with a name, only that repository's tags are imported, and the index is kept under the name. */
export function importArgs(archive: string, socket: string, name?: string): string[] {
  const named = name ? ['--base-name', repositoryOf(name), '--index-name', name] : [];
  return ['-n', CRI_NAMESPACE, '-a', socket.replace(/^unix:\/\//, ''), 'images', 'import', ...named, archive];
}

/** Imports one archive; returns the names stored (from the index annotations, or `name`). */
export async function importImageArchive(archive: string, opts: ImportOptions): Promise<string[]> {
  const ctr = requireBinary('ctr', 'containerd');
  try {
    const { stdout } = await run(ctr, importArgs(archive, opts.socket, opts.name), { timeout: opts.timeoutMs ?? 60_000 });
    const names = parseImportedNames(stdout);
    return opts.name && !names.includes(opts.name) ? [...names, opts.name] : names;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`ctr images import ${archive} failed: ${err.stderr?.trim() || err.message}`);
  }
}
