import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration } from './duration.js';
import { formatRFC3339, translateTimestampSince } from './timestamp.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

const cases: Array<[number, string]> = [
  [-2 * s, '<invalid>'],
  [-1 * s, '0s'],
  [-500, '0s'],
  [0, '0s'],
  [999, '0s'],
  [43 * s, '43s'],
  [119 * s, '119s'],
  [120 * s, '2m'],
  [5 * m, '5m'],
  [5 * m + 30 * s, '5m30s'],
  [9 * m + 59 * s, '9m59s'],
  [10 * m, '10m'],
  [10 * m + 30 * s, '10m'],
  [179 * m, '179m'],
  [3 * h, '3h'],
  [3 * h + 20 * m, '3h20m'],
  [7 * h + 59 * m, '7h59m'],
  [8 * h, '8h'],
  [47 * h + 59 * m, '47h'],
  [48 * h, '2d'],
  [2 * d + 5 * h, '2d5h'],
  [7 * d + 23 * h, '7d23h'],
  [8 * d, '8d'],
  [729 * d, '729d'],
  [2 * y, '2y'],
  [2 * y + 30 * d, '2y30d'],
  [3 * y, '3y'],
  [8 * y, '8y'],
  [8 * y + 100 * d, '8y'],
];

for (const [ms, want] of cases) {
  test(`humanDuration(${ms}ms) = ${want}`, () => assert.equal(humanDuration(ms), want));
}

const now = new Date('2024-05-01T12:00:00Z');
const sinceCases: Array<[string | undefined, string]> = [
  [undefined, '<unknown>'],
  ['', '<unknown>'],
  ['garbage', '<unknown>'],
  ['2024-05-01T11:59:17Z', '43s'],
  ['2024-05-01T11:54:30Z', '5m30s'],
  ['2024-05-01T11:59:59.500000Z', '0s'],
];
for (const [ts, want] of sinceCases) {
  test(`translateTimestampSince(${ts}) = ${want}`, () => assert.equal(translateTimestampSince(ts, now), want));
}

test('formatRFC3339 drops fractional seconds', () => {
  assert.equal(formatRFC3339('2024-05-01T10:00:00.123Z'), '2024-05-01T10:00:00Z');
  assert.equal(formatRFC3339(undefined), '');
});
