import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCronSchedule } from '../../api/batch/v1/cron-schedule.js';
import { formatRFC1123Z, formatRFC3339InZone, isValidTimeZone, nextScheduleTime } from './next-schedule.js';

const cases: { spec: string; after: string; tz?: string; want: string | undefined }[] = [
  { spec: '*/1 * * * *', after: '2026-01-01T00:00:00Z', want: '2026-01-01T00:01:00.000Z' },
  { spec: '*/1 * * * *', after: '2026-01-01T00:00:30Z', want: '2026-01-01T00:01:00.000Z' },
  { spec: '*/15 * * * *', after: '2026-01-01T00:15:00Z', want: '2026-01-01T00:30:00.000Z' },
  { spec: '5-10/5 * * * *', after: '2026-01-01T00:06:00Z', want: '2026-01-01T00:10:00.000Z' },
  { spec: '0 9 * * mon-fri', after: '2026-01-02T09:00:00Z', want: '2026-01-05T09:00:00.000Z' },
  { spec: '0 0 1 jan *', after: '2026-01-01T00:00:00Z', want: '2027-01-01T00:00:00.000Z' },
  { spec: '@hourly', after: '2026-01-01T00:59:59Z', want: '2026-01-01T01:00:00.000Z' },
  { spec: '@daily', after: '2026-01-01T00:00:00Z', want: '2026-01-02T00:00:00.000Z' },
  { spec: '@weekly', after: '2026-01-01T00:00:00Z', want: '2026-01-04T00:00:00.000Z' },
  { spec: '@monthly', after: '2026-01-15T00:00:00Z', want: '2026-02-01T00:00:00.000Z' },
  { spec: '@yearly', after: '2026-06-01T00:00:00Z', want: '2027-01-01T00:00:00.000Z' },
  { spec: '0 0 29 2 *', after: '2026-01-01T00:00:00Z', want: '2028-02-29T00:00:00.000Z' },
  { spec: '0 0 30 2 *', after: '2026-01-01T00:00:00Z', want: undefined },
  // day-of-month OR day-of-week when both are restricted: the 13th or any Friday.
  { spec: '0 0 13 * 5', after: '2026-01-01T00:00:00Z', want: '2026-01-02T00:00:00.000Z' },
  { spec: '@every 90s', after: '2026-01-01T00:00:00.500Z', want: '2026-01-01T00:01:30.000Z' },
  // Time zones: 09:00 in Tokyo is 00:00 UTC; in New York 09:00 EST is 14:00 UTC, EDT 13:00 UTC.
  { spec: '0 9 * * *', after: '2026-01-01T00:00:00Z', tz: 'Asia/Tokyo', want: '2026-01-02T00:00:00.000Z' },
  { spec: '0 9 * * *', after: '2026-01-01T00:00:00Z', tz: 'America/New_York', want: '2026-01-01T14:00:00.000Z' },
  { spec: '0 9 * * *', after: '2026-07-01T00:00:00Z', tz: 'America/New_York', want: '2026-07-01T13:00:00.000Z' },
  // DST gap (2026-03-08 02:00 → 03:00 in New York): 02:30 does not exist that day, so it fires the next day.
  { spec: '30 2 * * *', after: '2026-03-08T06:00:00Z', tz: 'America/New_York', want: '2026-03-09T06:30:00.000Z' },
  // DST fall-back (2026-11-01 01:00-02:00 twice): 01:30 fires once, at its first occurrence (EDT).
  { spec: '30 1 * * *', after: '2026-11-01T04:00:00Z', tz: 'America/New_York', want: '2026-11-01T05:30:00.000Z' },
  { spec: '30 1 * * *', after: '2026-11-01T05:30:00Z', tz: 'America/New_York', want: '2026-11-02T06:30:00.000Z' },
];

for (const c of cases) {
  test(`next of "${c.spec}" after ${c.after}${c.tz ? ` in ${c.tz}` : ''}`, () => {
    const got = nextScheduleTime(parseCronSchedule(c.spec), new Date(c.after), c.tz ?? 'UTC');
    assert.equal(got?.toISOString(), c.want);
  });
}

test('time zone names are checked through Intl', () => {
  assert.equal(isValidTimeZone('Europe/Paris'), true);
  assert.equal(isValidTimeZone('Mars/Olympus'), false);
});

test('timestamps print as Go prints them', () => {
  assert.equal(formatRFC3339InZone(new Date('2026-01-01T00:00:00Z'), 'UTC'), '2026-01-01T00:00:00Z');
  assert.equal(formatRFC3339InZone(new Date('2026-01-01T00:00:00Z'), 'Asia/Tokyo'), '2026-01-01T09:00:00+09:00');
  assert.equal(formatRFC3339InZone(new Date('2026-01-01T00:00:00Z'), 'America/New_York'), '2025-12-31T19:00:00-05:00');
  assert.equal(formatRFC3339InZone(new Date('2026-01-01T00:00:00Z'), 'Asia/Kolkata'), '2026-01-01T05:30:00+05:30');
  assert.equal(formatRFC1123Z(new Date('2026-01-01T00:00:00Z')), 'Thu, 01 Jan 2026 00:00:00 +0000');
});
