import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../machinery/clock/clock.js';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS, UIDTrackingControllerExpectations } from './expectations.js';

test('no record means satisfied', () => {
  assert.equal(new ControllerExpectations(new FakeClock()).satisfiedExpectations('ns/rs'), true);
});

test('creations: unsatisfied until every creation is observed', () => {
  const e = new ControllerExpectations(new FakeClock());
  e.expectCreations('ns/rs', 2);
  assert.equal(e.satisfiedExpectations('ns/rs'), false);
  e.creationObserved('ns/rs');
  assert.equal(e.satisfiedExpectations('ns/rs'), false);
  e.creationObserved('ns/rs');
  assert.equal(e.satisfiedExpectations('ns/rs'), true);
  assert.deepEqual({ ...e.getExpectations('ns/rs'), timestamp: 0 }, { add: 0, del: 0, timestamp: 0 });
});

test('deletions, raise and lower, and deleteExpectations', () => {
  const e = new ControllerExpectations(new FakeClock());
  e.expectDeletions('k', 1);
  e.raiseExpectations('k', 1, 0);
  e.deletionObserved('k');
  assert.equal(e.satisfiedExpectations('k'), false, 'one creation still expected');
  e.lowerExpectations('k', 1, 0);
  assert.equal(e.satisfiedExpectations('k'), true);
  e.expectCreations('k', 5);
  e.deleteExpectations('k');
  assert.equal(e.getExpectations('k'), undefined);
  assert.equal(e.satisfiedExpectations('k'), true);
});

test('observations without a record are ignored', () => {
  const e = new ControllerExpectations(new FakeClock());
  e.creationObserved('k');
  assert.equal(e.getExpectations('k'), undefined);
});

test('expectations expire after 5 minutes on the clock', () => {
  const clock = new FakeClock();
  const e = new ControllerExpectations(clock);
  e.expectCreations('k', 3);
  clock.step(EXPECTATIONS_TIMEOUT_MS);
  assert.equal(e.satisfiedExpectations('k'), false, 'not at exactly 5 minutes');
  clock.step(1);
  assert.equal(e.satisfiedExpectations('k'), true);
});

test('UID tracking lowers the count once per expected object', () => {
  const e = new UIDTrackingControllerExpectations(new FakeClock());
  e.expectDeletionsOf('ns/rs', ['ns/p1', 'ns/p2']);
  e.deletionObservedOf('ns/rs', 'ns/p1');
  e.deletionObservedOf('ns/rs', 'ns/p1');
  e.deletionObservedOf('ns/rs', 'ns/other');
  assert.equal(e.satisfiedExpectations('ns/rs'), false);
  assert.deepEqual([...(e.getUIDs('ns/rs') ?? [])], ['ns/p2']);
  e.deletionObservedOf('ns/rs', 'ns/p2');
  assert.equal(e.satisfiedExpectations('ns/rs'), true);
  e.deleteExpectations('ns/rs');
  assert.equal(e.getUIDs('ns/rs'), undefined);
});
