/**
 * The next activation of a parsed cron schedule after an instant, in a time zone (IANA name, through Intl; no
 * dependency). The search runs on wall-clock time — a UTC Date whose fields are the zone's local fields — and the
 * result is converted back to an instant. As robfig/cron (upstream's parser), a wall time skipped by a DST jump does
 * not fire that day, and one repeated by a DST fall-back fires at its first occurrence only.
 */
import type { CronSchedule } from '../../api/batch/v1/cron-schedule.js';

const MINUTE = 60_000;
/** Schedules that cannot match within this many years (e.g. 30 February) have no next time. */
const SEARCH_YEARS = 5;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The process's own zone: what upstream uses when a CronJob has no timeZone (the controller manager's local time). */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The zone's UTC offset at `instant` (ms; positive east of Greenwich). */
export function zoneOffset(instant: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

const wallOf = (instant: number, tz: string): number => instant + zoneOffset(instant, tz);

/** The instant of a wall time (the earlier one when it occurs twice), or undefined in a DST gap. */
function instantOf(wall: number, tz: string): number | undefined {
  for (const off of [zoneOffset(wall - 12 * 3_600_000, tz), zoneOffset(wall + 12 * 3_600_000, tz)]) {
    const instant = wall - off;
    if (zoneOffset(instant, tz) === off) return instant;
  }
  return undefined;
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.dayOfMonth.has(d.getUTCDate());
  const dow = s.dayOfWeek.has(d.getUTCDay());
  return s.domStar || s.dowStar ? dom && dow : dom || dow;
}

/** The first wall-clock minute at or after `start` that the schedule matches. */
function nextWallMatch(s: CronSchedule, start: number): number | undefined {
  const limit = new Date(start).getUTCFullYear() + SEARCH_YEARS;
  let t = start;
  for (;;) {
    const d = new Date(t);
    const [y, mo, day, h] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()];
    if (y > limit) return undefined;
    if (!s.month.has(mo + 1)) t = Date.UTC(y, mo + 1, 1);
    else if (!dayMatches(s, d)) t = Date.UTC(y, mo, day + 1);
    else if (!s.hour.has(h)) t = Date.UTC(y, mo, day, h + 1);
    else if (!s.minute.has(d.getUTCMinutes())) t += MINUTE;
    else return t;
  }
}

/** The first activation strictly after `after`, or undefined when the schedule never fires again. */
export function nextScheduleTime(s: CronSchedule, after: Date, tz: string): Date | undefined {
  const at = after.getTime();
  if (s.everySeconds !== undefined) return new Date(Math.floor(at / 1000) * 1000 + s.everySeconds * 1000);
  let wall = Math.floor(wallOf(at, tz) / MINUTE) * MINUTE + MINUTE;
  for (let guard = 0; guard < 1000; guard++) {
    const match = nextWallMatch(s, wall);
    if (match === undefined) return undefined;
    const instant = instantOf(match, tz);
    if (instant !== undefined && instant > at) return new Date(instant);
    wall = match + MINUTE;
  }
  return undefined;
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/** Go's time.RFC3339 of `instant` in `tz`: `2026-01-01T09:00:00+09:00`, `Z` for a zero offset. */
export function formatRFC3339InZone(instant: Date, tz: string): string {
  const off = zoneOffset(instant.getTime(), tz);
  const wall = new Date(Math.floor(instant.getTime() / 1000) * 1000 + off).toISOString().slice(0, 19);
  if (off === 0) return `${wall}Z`;
  const mins = Math.round(off / MINUTE);
  return `${wall}${mins < 0 ? '-' : '+'}${pad(Math.trunc(mins / 60))}:${pad(mins % 60)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000` (upstream's MissSchedule message). */
export function formatRFC1123Z(t: Date): string {
  const hms = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  return `${DAYS[t.getUTCDay()]}, ${pad(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${hms} +0000`;
}
