import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { SliceTracker } from './tracker.js';

const slice = (uid: string, generation: number): EndpointSlice => ({ addressType: 'IPv4', endpoints: [], metadata: { uid, generation } });

test('tracker: stale while the cache lacks a written slice, holds an older generation, or still holds a deleted one', () => {
  const t = new SliceTracker();
  assert.equal(t.stale('ns/web', []), false, 'nothing written: never stale');
  t.written('ns/web', slice('a', 2));
  assert.equal(t.stale('ns/web', []), true);
  assert.equal(t.stale('ns/web', [slice('a', 1)]), true);
  assert.equal(t.stale('ns/web', [slice('a', 2)]), false);
  assert.equal(t.stale('ns/web', [slice('a', 3)]), false, 'a newer write by someone else is fine');
  t.deleted('ns/web', slice('a', 2));
  assert.equal(t.stale('ns/web', [slice('a', 2)]), true);
  assert.equal(t.stale('ns/web', []), false);
});

test('tracker: own echoes need no sync; others\' changes and unexpected deletes do', () => {
  const t = new SliceTracker();
  t.written('ns/web', slice('a', 1));
  assert.equal(t.shouldSync('ns/web', slice('a', 1)), false);
  assert.equal(t.shouldSync('ns/web', slice('a', 2)), true);
  assert.equal(t.shouldSync('ns/web', slice('b', 1)), true);
  t.deleted('ns/web', slice('a', 1));
  assert.equal(t.handleDeletion('ns/web', slice('a', 1)), true, 'expected');
  assert.equal(t.handleDeletion('ns/web', slice('b', 1)), false, 'someone else deleted it');
  t.written('ns/web', slice('c', 1));
  t.forgetService('ns/web');
  assert.equal(t.stale('ns/web', []), false);
});
