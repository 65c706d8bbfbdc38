/**
 * One record of a CRI container log file: `<RFC3339Nano> <stdout|stderr> <F|P> <content>` per line, where P marks a
 * partial line that the following record(s) of the same stream continue. Content is kept as bytes (a log is not
 * necessarily UTF-8); the terminating newline is not part of `content`.
 */

export interface CriRecord {
  /** The timestamp exactly as written (what `timestamps=true` prints). */
  time: string;
  /** Nanoseconds since the epoch, for sinceTime comparisons at full precision. */
  timeNs: bigint;
  stream: 'stdout' | 'stderr';
  /** True for a `P` record: the line continues in the next record. */
  partial: boolean;
  content: Buffer;
}

const SPACE = 0x20;

/** Parses one line (without its `\n`); undefined for a malformed line, which readers skip as upstream does. */
export function parseCriRecord(line: Buffer): CriRecord | undefined {
  const s1 = line.indexOf(SPACE);
  if (s1 <= 0) return undefined;
  const s2 = line.indexOf(SPACE, s1 + 1);
  if (s2 < 0) return undefined;
  const time = line.subarray(0, s1).toString('latin1');
  const stream = line.subarray(s1 + 1, s2).toString('latin1');
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const timeNs = rfc3339ToNanos(time);
  if (timeNs === undefined) return undefined;
  // The tag field (F or P, possibly more tags joined by ':'); a line without one is a full line with no content.
  const s3 = line.indexOf(SPACE, s2 + 1);
  const tag = line.subarray(s2 + 1, s3 < 0 ? line.length : s3).toString('latin1');
  const content = s3 < 0 ? Buffer.alloc(0) : line.subarray(s3 + 1);
  return { time, timeNs, stream, partial: tag.split(':')[0] === 'P', content };
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 with up to nanosecond precision → nanoseconds since the epoch; undefined when not RFC 3339. */
export function rfc3339ToNanos(s: string): bigint | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const frac = BigInt((m[2] ?? '').padEnd(9, '0') || '0');
  return BigInt(seconds) * 1_000_000n + frac;
}
