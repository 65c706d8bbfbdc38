/**
 * Timestamps in table cells, as upstream's printers: an age relative to an injected `now` (translateTimestampSince)
 * and the RFC 3339 "Created At" form. Missing or unparsable timestamps print `<unknown>`.
 */
import { humanDuration } from './duration.js';

export type Timestamp = string | Date | null | undefined;

const toMillis = (ts: Timestamp): number | undefined => {
  if (ts === null || ts === undefined || ts === '') return undefined;
  const ms = ts instanceof Date ? ts.getTime() : Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms;
};

/** The age of `ts` at `now` (`5m`), or `<unknown>` when it is missing. Works for Time and MicroTime. */
export function translateTimestampSince(ts: Timestamp, now: Date): string {
  const ms = toMillis(ts);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}

/** The duration between two timestamps (`end - start`), or undefined when either is missing. */
export function durationBetween(start: Timestamp, end: Timestamp): number | undefined {
  const a = toMillis(start);
  const b = toMillis(end);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** Go's time.RFC3339 in UTC, without fractional seconds: `2024-05-01T10:00:00Z`; "" when missing. */
export function formatRFC3339(ts: Timestamp): string {
  const ms = toMillis(ts);
  return ms === undefined ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
