/**
 * volumeMount subPath / subPathExpr (upstream's makeMounts and subpath preparation): expand `$(VAR)` from the
 * container's environment, reject absolute and `..` paths, and resolve the path inside the volume without ever
 * leaving it — every existing component is resolved with realpath and must stay under the volume's real root, so
 * a symlink in the volume pointing at /etc is refused. Missing components are created as 0755 directories, as
 * upstream does so that the runtime does not create them with other ownership. The result is the fully resolved
 * path (no symlink left in it), which is what the runtime bind-mounts.
 */
import { chmod, lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';

/**
 * Expands `$(NAME)` from `env` and `$$` to `$` (upstream's expansion for subPathExpr); text that is not a
 * reference stays as it is. A name that is unset or empty is an error, as upstream: `missing value for A, B`.
 */
export function expandSubPathExpr(expr: string, env: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const out = expr.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const v = env[name!];
    if (!v) missing.add(name!);
    return v ?? '';
  });
  if (missing.size > 0) throw new Error(`missing value for ${[...missing].sort().join(', ')}`);
  return out;
}

/** Upstream's messages for a subPath that can never be inside the volume. */
export function validateSubPath(subPath: string): void {
  if (isAbsolute(subPath)) throw new Error(`error SubPath \`${subPath}\` must not be an absolute path`);
  if (subPath.split('/').includes('..')) throw new Error(`unable to provision SubPath \`${subPath}\`: must not contain '..'`);
}

const within = (p: string, root: string): boolean => p === root || p.startsWith(root === sep ? root : root + sep);

/** The real host path of `subPath` inside the volume at `root`, creating missing directories; throws on escape. */
export async function resolveSubPath(root: string, subPath: string): Promise<string> {
  validateSubPath(subPath);
  const realRoot = await realpath(root);
  let cur = realRoot;
  for (const part of subPath.split('/').filter((p) => p !== '' && p !== '.')) {
    const next = join(cur, part);
    const st = await lstat(next).catch(() => undefined);
    if (!st) {
      try {
        await mkdir(next, { mode: 0o755 });
        await chmod(next, 0o755);
      } catch (e) {
        throw new Error(`failed to create subPath directory ${next}: ${(e as Error).message}`);
      }
      cur = next;
      continue;
    }
    const real = await realpath(next).catch(() => undefined);
    if (!real || !within(real, realRoot)) throw new Error(`subpath "${join(root, subPath)}" not within volume path "${root}"`);
    cur = real;
  }
  return cur;
}
