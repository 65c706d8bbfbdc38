import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, excess, rotationStamp } from './rotated-files.js';

test('rotationStamp: UTC, sortable', () => {
  assert.equal(rotationStamp(new Date('2026-03-04T05:06:07.890Z')), '20260304-050607');
});

const cases: { name: string; entries: string[]; rotated: string[]; stale: string[] }[] = [
  { name: 'only the live log', entries: ['0.log'], rotated: [], stale: [] },
  {
    name: 'rotated files oldest first, compressed or not; other logs ignored',
    entries: ['0.log', '0.log.20260102-000000', '0.log.20260101-000000.gz', '1.log.20250101-000000', '0.log.junk'],
    rotated: ['0.log.20260101-000000.gz', '0.log.20260102-000000'],
    stale: [],
  },
  {
    name: 'interrupted compression: the tmp file and an original whose .gz exists are stale',
    entries: ['0.log', '0.log.20260101-000000', '0.log.20260101-000000.gz', '0.log.20260102-000000', '0.log.20260102-000000.gz.tmp'],
    rotated: ['0.log.20260101-000000.gz', '0.log.20260102-000000'],
    stale: ['0.log.20260101-000000', '0.log.20260102-000000.gz.tmp'],
  },
];
for (const tc of cases) {
  test(`classify: ${tc.name}`, () => {
    const s = classify('0.log', tc.entries);
    assert.deepEqual(s.rotated.map((f) => f.name), tc.rotated);
    assert.deepEqual(s.stale.sort(), tc.stale);
  });
}

const f = (stamp: string) => ({ name: `0.log.${stamp}`, stamp, compressed: false });
const rotated = ['20260101-000000', '20260102-000000', '20260103-000000', '20260104-000000'].map(f);
const excessCases: [number, string[]][] = [
  [5, ['20260101-000000']],
  [6, []],
  [3, ['20260101-000000', '20260102-000000', '20260103-000000']],
  [2, ['20260101-000000', '20260102-000000', '20260103-000000', '20260104-000000']],
];
for (const [maxFiles, want] of excessCases) {
  test(`excess: maxFiles ${maxFiles} with 4 rotated`, () => assert.deepEqual(excess(rotated, maxFiles).map((x) => x.stamp), want));
}
