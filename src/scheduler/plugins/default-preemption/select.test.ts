import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { makePod } from '../../testing/wrappers.js';
import type { Candidate } from './candidates.js';
import { selectCandidate } from './select.js';

const NOW = Date.parse('2026-01-02T00:00:00Z');

/** A victim "name:priority[@startTime]". */
const v = (spec: string): Pod => {
  const [head, start] = spec.split('@');
  const [name, prio] = head!.split(':');
  const w = makePod(name!).priority(Number(prio));
  if (start) w.startTime(start);
  return w.obj();
};
const cand = (name: string, victims: string[], numPDBViolations = 0): Candidate => ({ name, victims: { pods: victims.map(v), numPDBViolations } });

const cases: { name: string; candidates: Candidate[]; want: string | undefined }[] = [
  { name: 'none', candidates: [], want: undefined },
  { name: 'one', candidates: [cand('n1', ['a:5'], 3)], want: 'n1' },
  { name: 'fewest PDB violations first', candidates: [cand('n1', ['a:1'], 1), cand('n2', ['b:100', 'c:100'], 0)], want: 'n2' },
  { name: 'then the lowest highest-priority victim', candidates: [cand('n1', ['a:10', 'b:1']), cand('n2', ['c:5', 'd:5', 'e:5'])], want: 'n2' },
  { name: 'then the smallest sum of priorities', candidates: [cand('n1', ['a:10', 'b:9']), cand('n2', ['c:10', 'd:1'])], want: 'n2' },
  {
    name: 'the sum shifts negative priorities: more victims weigh more',
    candidates: [cand('n1', ['a:-10', 'b:-10']), cand('n2', ['c:-10'])],
    want: 'n2',
  },
  // Shifted sums tie only when the extra victim has the lowest int32 priority: 10 + (-2^31) + 2·2^31 = 10 + 2^31.
  { name: 'then the fewest victims', candidates: [cand('n1', ['a:10', 'b:-2147483648']), cand('n2', ['c:10'])], want: 'n2' },
  {
    name: 'then the latest start of the highest-priority victims',
    candidates: [
      cand('n1', ['a:10@2026-01-01T01:00:00Z', 'b:0@2026-01-01T05:00:00Z']),
      cand('n2', ['c:10@2026-01-01T03:00:00Z', 'd:0@2026-01-01T00:00:00Z']),
    ],
    want: 'n2',
  },
  {
    name: 'the earliest among equal top priorities counts',
    candidates: [
      cand('n1', ['a:10@2026-01-01T04:00:00Z', 'b:10@2026-01-01T01:00:00Z']),
      cand('n2', ['c:10@2026-01-01T03:00:00Z', 'd:10@2026-01-01T02:00:00Z']),
    ],
    want: 'n2',
  },
  { name: 'a victim without start time counts as starting now', candidates: [cand('n1', ['a:10@2026-01-01T04:00:00Z']), cand('n2', ['b:10'])], want: 'n2' },
  { name: 'then the first', candidates: [cand('n1', ['a:10']), cand('n2', ['b:10']), cand('n3', ['c:10'])], want: 'n1' },
];

for (const c of cases) {
  test(`selectCandidate: ${c.name}`, () => {
    assert.equal(selectCandidate(c.candidates, NOW)?.name, c.want);
  });
}
