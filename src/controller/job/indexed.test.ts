import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIndexes, indexesToCreate, parseIndexes } from './indexed.js';

for (const [indexes, text] of [
  [[], ''], [[0], '0'], [[1, 2], '1,2'], [[1, 3, 4, 5, 7], '1,3-5,7'], [[0, 1, 2, 3], '0-3'], [[0, 2, 4], '0,2,4'],
] as const) {
  test(`formatIndexes ${JSON.stringify(indexes)} → "${text}" and back`, () => {
    assert.equal(formatIndexes(indexes), text);
    assert.deepEqual(parseIndexes(text, 100), indexes);
  });
}

test('parseIndexes drops indexes at or past completions and malformed parts', () => {
  assert.deepEqual(parseIndexes('0,x,2-4,9', 4), [0, 2, 3]);
});

for (const c of [
  { completions: 5, completed: [], running: [], count: 2, want: [0, 1] },
  { completions: 5, completed: [0], running: [1], count: 2, want: [2, 3] },
  { completions: 3, completed: [0, 2], running: [], count: 5, want: [1] },
  { completions: 3, completed: [0, 1, 2], running: [], count: 1, want: [] },
]) {
  test(`indexesToCreate ${JSON.stringify(c)}`, () => {
    assert.deepEqual(indexesToCreate(c.completions, new Set(c.completed), new Set(c.running), c.count), c.want);
  });
}
