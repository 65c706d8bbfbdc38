/**
 * Which scheduled time is due, as upstream's mostRecentScheduleTime: the activations after the last schedule (or
 * the creation) — and no earlier than now − startingDeadlineSeconds — up to now. The most recent one is the one
 * to start; how many there were tells whether schedules were missed.
 */
import type { CronSchedule } from '../../api/batch/v1/cron-schedule.js';
import { NEXT_SCHEDULE_DELTA_MS } from './constants.js';
import { nextScheduleTime } from './next-schedule.js';
import type { CronJobObject } from './types.js';

export interface DueSchedule {
  /** The instant the search started from. */
  earliest: Date;
  /** The latest activation ≤ now, if any. */
  mostRecent?: Date;
  /** Activations in (earliest, now]; beyond a hundred an estimate from the schedule's period, as upstream. */
  missed: number;
}

export function earliestTime(cj: Readonly<CronJobObject>, now: Date): Date {
  const last = cj.status?.lastScheduleTime ?? cj.metadata?.creationTimestamp;
  let earliest = last ? new Date(last) : now;
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds !== undefined && sds !== null) {
    const deadline = new Date(now.getTime() - sds * 1000);
    if (deadline > earliest) earliest = deadline;
  }
  return earliest;
}

/** The latest activation ≤ now, starting from a point known to be before it; walks back in doubling periods. */
function latestUpTo(s: CronSchedule, t1: Date, period: number, now: Date, tz: string): Date {
  let back = period;
  let from = new Date(now.getTime() - back);
  while (from > t1 && (nextScheduleTime(s, from, tz) ?? now) > now) from = new Date(now.getTime() - (back *= 2));
  let cur = from > t1 ? nextScheduleTime(s, from, tz)! : t1;
  for (let next = nextScheduleTime(s, cur, tz); next && next <= now; next = nextScheduleTime(s, cur, tz)) cur = next;
  return cur;
}

export function dueSchedule(cj: Readonly<CronJobObject>, s: CronSchedule, now: Date, tz: string): DueSchedule {
  const earliest = earliestTime(cj, now);
  const t1 = nextScheduleTime(s, earliest, tz);
  if (!t1 || t1 > now) return { earliest, missed: 0 };
  let count = 1;
  let cur = t1;
  for (let next = nextScheduleTime(s, cur, tz); next && next <= now; next = nextScheduleTime(s, cur, tz)) {
    cur = next;
    if (++count > MAX_EXACT_COUNT) {
      const period = next.getTime() - t1.getTime();
      const missed = Math.floor(((now.getTime() - t1.getTime()) * (count - 1)) / period) + 1;
      return { earliest, mostRecent: latestUpTo(s, t1, period / (count - 1), now, tz), missed };
    }
  }
  return { earliest, mostRecent: cur, missed: count };
}

const MAX_EXACT_COUNT = 101;

/** How long until the activation after `from` is due (plus a small delta), or undefined when there is none. */
export function untilNextSchedule(s: CronSchedule, from: Date, now: Date, tz: string): number | undefined {
  const next = nextScheduleTime(s, from, tz);
  if (!next) return undefined;
  return Math.max(0, next.getTime() - now.getTime()) + NEXT_SCHEDULE_DELTA_MS;
}
