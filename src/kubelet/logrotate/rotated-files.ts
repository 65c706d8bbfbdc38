/**
 * The names of a container log's rotated files (upstream's container log manager): `<log>.<YYYYMMDD-hhmmss>` (UTC)
 * right after rotation, `<log>.<YYYYMMDD-hhmmss>.gz` once compressed, `….tmp` while being written. Timestamps sort
 * lexically, so the names order the files oldest first.
 */
import { basename } from 'node:path';

export const COMPRESS_SUFFIX = '.gz';
export const TMP_SUFFIX = '.tmp';

const two = (n: number) => String(n).padStart(2, '0');

/** `20260101-000000` for 2026-01-01T00:00:00Z. */
export function rotationStamp(d: Date): string {
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

export interface RotatedFile {
  /** The file's name in the log's directory. */
  name: string;
  stamp: string;
  compressed: boolean;
}

export interface LogDirectoryState {
  /** Rotated files, oldest first. */
  rotated: RotatedFile[];
  /** Leftovers of an interrupted compression or rotation: safe to delete. */
  stale: string[];
}

/**
 * Classifies the entries of a log's directory that belong to the log named `logName`. An uncompressed rotated file
 * whose compressed twin also exists is stale (compression finished but the original was not yet removed).
 */
export function classify(logName: string, entries: readonly string[]): LogDirectoryState {
  const prefix = `${basename(logName)}.`;
  const pattern = /^(\d{8}-\d{6})(\.gz)?$/;
  const rotated: RotatedFile[] = [];
  const stale: string[] = [];
  const names = new Set(entries);
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (rest.endsWith(TMP_SUFFIX)) {
      stale.push(name);
      continue;
    }
    const m = pattern.exec(rest);
    if (!m) continue;
    const compressed = m[2] !== undefined;
    if (!compressed && names.has(`${name}${COMPRESS_SUFFIX}`)) stale.push(name);
    else rotated.push({ name, stamp: m[1]!, compressed });
  }
  rotated.sort((a, b) => a.stamp.localeCompare(b.stamp) || Number(a.compressed) - Number(b.compressed));
  return { rotated, stale };
}

/**
 * The rotated files to delete before a rotation so that, after it, at most `maxFiles` files exist: the live log,
 * the newest rotated one, and maxFiles − 2 older ones. Oldest go first.
 */
export function excess(rotated: readonly RotatedFile[], maxFiles: number): RotatedFile[] {
  const keep = Math.max(0, maxFiles - 2);
  return rotated.slice(0, Math.max(0, rotated.length - keep));
}
