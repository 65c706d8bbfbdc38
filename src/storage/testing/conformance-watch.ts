import assert from 'node:assert/strict';
import { CompactedError } from '../errors.js';
import type { Register } from './fixture.js';
import { RecordingWatch, Writer, assertEventsMatch, rejectsWith, rev } from './helpers.js';

/** Runs `writers` concurrently, each making `steps` writes. */
async function runWriters(writers: Writer[], steps: number): Promise<void> {
  await Promise.all(
    writers.map(async (w) => {
      for (let i = 0; i < steps; i++) await w.step();
    }),
  );
}

/** Watch and compaction parts of the Store contract (see conformance.ts). */
export function registerWatchConformance(test: Register): void {
  registerWatchOrder(test);
  registerWatchResume(test);
  registerCompaction(test);
}

function registerWatchOrder(test: Register): void {
  test('watch delivers 10,000 events in order, without gaps or duplicates, only under its prefix', async (f) => {
    const store = f.store;
    const w = new RecordingWatch(store, '/w/');
    const writers = Array.from({ length: 20 }, (_, i) => new Writer(store, `/w/${String(i).padStart(2, '0')}/`, 5));
    const outside = new Writer(store, '/w0/', 3);
    await Promise.all([runWriters(writers, 500), runWriters([outside], 50)]);
    await w.until((x) => x.events.length >= 10_000 || x.error !== undefined, '10,000 events', 45_000);
    const tail = await store.create('/w/zz-last', 'end');
    await w.until((x) => x.lastRevision === tail.revision || x.error !== undefined, 'the closing event');
    w.stop();
    assert.equal(w.error, undefined);
    const events = w.events.slice(0, -1);
    assertEventsMatch(events, writers);
  });

  test('watch from an old revision replays history, then continues live', async ({ store }) => {
    const from = await store.currentRevision();
    const a = new Writer(store, '/r/a/', 40);
    await runWriters([a], 700);
    const w = new RecordingWatch(store, '/r/', from);
    const b = new Writer(store, '/r/b/', 5);
    await runWriters([b], 300);
    await w.until((x) => x.events.length >= 1000 || x.error !== undefined, 'replay and live events');
    const tail = await store.create('/r/zz', 'end');
    await w.until((x) => x.lastRevision === tail.revision || x.error !== undefined, 'the closing event');
    w.stop();
    assert.equal(w.error, undefined);
    assertEventsMatch(w.events.slice(0, -1), [a, b]);
  });

}

function registerWatchResume(test: Register): void {
  test('a watch resumed after a restart from the last seen revision gets every later event once', async (f) => {
    const from = await f.store.currentRevision();
    const writer = new Writer(f.store, '/re/', 6);
    const first = new RecordingWatch(f.store, '/re/', from);
    for (let i = 0; i < 40; i++) await writer.step();
    await first.until((x) => x.events.length >= 10, 'some events before the restart');
    first.stop();
    for (let i = 0; i < 20; i++) await writer.step();
    const before = rev(await f.store.currentRevision());
    const store = await f.restart();
    assert.ok(rev(await store.currentRevision()) >= before, 'revisions resume after a restart');
    const resumeFrom = first.lastRevision!;
    const resumed = new RecordingWatch(store, '/re/', resumeFrom);
    writer.store = store;
    for (let i = 0; i < 30; i++) await writer.step();
    const tail = await store.create('/re/zz', 'end');
    assert.ok(rev(tail.revision) > before);
    await resumed.until((x) => x.lastRevision === tail.revision || x.error !== undefined, 'the closing event');
    resumed.stop();
    assert.equal(resumed.error, undefined);
    const all = [...first.events, ...resumed.events.slice(0, -1)];
    assertEventsMatch(all, [writer]);
  });

}

function registerCompaction(test: Register): void {
  test('get, list and watch below the compacted revision fail with CompactedError', async ({ store }) => {
    const c = await store.create('/c/a', 'a1');
    const keep = await store.create('/c/keep', 'untouched');
    const gone = await store.create('/c/gone', 'x');
    await store.delete('/c/gone', gone.revision);
    const u = await store.update('/c/a', 'a2', c.revision);
    const mid = await store.currentRevision();
    const later = await store.update('/c/a', 'a3', u.revision);
    await store.compact(mid);
    assert.ok(rev(await store.compactedRevision()) >= rev(mid));
    assert.ok(rev(await store.compactedRevision()) <= rev(await store.currentRevision()));
    await rejectsWith(store.get('/c/a', { revision: c.revision }), CompactedError);
    await rejectsWith(store.list('/c/', { revision: c.revision }), CompactedError);
    const w = new RecordingWatch(store, '/c/', c.revision);
    await w.until((x) => x.error !== undefined, 'the watch error');
    assert.ok(w.error instanceof CompactedError, `got ${String(w.error)}`);
    assert.equal(w.events.length, 0);
    assert.deepEqual(await store.get('/c/keep'), keep, 'the latest version of a live key survives compaction');
    assert.deepEqual(await store.get('/c/a', { revision: mid }), u);
    assert.deepEqual((await store.list('/c/', { revision: mid })).items, [u, keep]);
    const after = new RecordingWatch(store, '/c/', mid);
    await after.until((x) => x.events.length >= 1 || x.error !== undefined, 'the event after the compaction');
    after.stop();
    assert.equal(after.error, undefined);
    assert.deepEqual(after.events[0]?.value, later);
    assert.deepEqual(after.events[0]?.prevValue, u);
  });
}
