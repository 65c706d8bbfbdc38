import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FilterPlugin, Plugin, PreFilterPlugin, ScorePlugin } from '../framework/interface.js';
import { Status } from '../framework/status.js';
import { makePod } from '../testing/wrappers.js';
import { newTestFramework, registryOf, testBinder, testQueueSort } from './testing.js';

/** A plugin at Filter + Score (+ PreFilter when asked), counting how often its factory ran. */
function multi(name: string, opts: { preFilter?: boolean } = {}): Plugin & FilterPlugin & ScorePlugin & Partial<PreFilterPlugin> {
  const p: Plugin & FilterPlugin & ScorePlugin & Partial<PreFilterPlugin> = {
    name,
    filter: () => Status.success(),
    score: () => ({ score: 1, status: Status.success() }),
  };
  if (opts.preFilter) p.preFilter = () => ({ status: Status.success() });
  return p;
}

const filterOnly = (name: string): FilterPlugin => ({ name, filter: () => Status.success() });

const names = (ps: readonly Plugin[]): string[] => ps.map((p) => p.name);

test('a plugin used at several points is instantiated once', () => {
  let built = 0;
  const a = multi('A');
  const fw = newTestFramework({
    registry: { A: () => (built++, a) },
    plugins: { filter: ['A'], score: ['A'] },
  });
  assert.equal(built, 1);
  assert.equal(fw.points.filter[0], fw.points.score[0]);
});

test('the factory gets the pluginConfig args and the framework as its handle', () => {
  let seen: unknown[] = [];
  const fw = newTestFramework({
    registry: { A: (args, handle) => ((seen = [args, handle]), filterOnly('A')) },
    plugins: { filter: ['A'] },
    pluginConfig: [{ name: 'A', args: { x: 1 } }],
  });
  assert.deepEqual(seen[0], { x: 1 });
  assert.equal(seen[1], fw);
});

test('multiPoint: a plugin lands at every point it implements', () => {
  const fw = newTestFramework({
    registry: registryOf(multi('A', { preFilter: true }), filterOnly('B'), testQueueSort, testBinder),
    plugins: { multiPoint: ['TestQueueSort', 'A', 'B', 'TestBinder'] },
  });
  assert.deepEqual(names(fw.points.preFilter), ['A']);
  assert.deepEqual(names(fw.points.filter), ['A', 'B']);
  assert.deepEqual(names(fw.points.score), ['A']);
  assert.deepEqual(names(fw.points.bind), ['TestBinder']);
});

test('multiPoint: order is overrides, then multiPoint plugins, then the point\'s other plugins', () => {
  const fw = newTestFramework({
    registry: registryOf(filterOnly('A'), filterOnly('B'), filterOnly('C'), filterOnly('D'), testQueueSort, testBinder),
    plugins: { multiPoint: ['TestQueueSort', 'A', 'B', 'C', 'TestBinder'], filter: ['D', 'C'] },
  });
  assert.deepEqual(names(fw.points.filter), ['C', 'A', 'B', 'D']);
});

test('multiPoint: a point that disables a plugin, or all plugins, leaves them out there', () => {
  const base = {
    registry: registryOf(multi('A'), multi('B'), testQueueSort, testBinder),
    plugins: { multiPoint: ['TestQueueSort', 'A', 'B', 'TestBinder'] },
  };
  assert.deepEqual(names(newTestFramework(base).points.score), ['A', 'B']);
  const disabledOne = newTestFramework({ ...base, disabled: { score: ['B'] } });
  assert.deepEqual(names(disabledOne.points.score), ['A']);
  assert.deepEqual(names(disabledOne.points.filter), ['A', 'B']);
  const disabledAll = newTestFramework({ ...base, disabled: { filter: ['*'] } });
  assert.deepEqual(names(disabledAll.points.filter), []);
  assert.deepEqual(names(disabledAll.points.score), ['A', 'B']);
});

test('score weights: the score point\'s weight wins over multiPoint\'s; 0 or absent means 1', () => {
  const fw = newTestFramework({
    registry: registryOf(multi('A'), multi('B'), multi('C'), testQueueSort, testBinder),
    plugins: {
      multiPoint: ['TestQueueSort', { name: 'A', weight: 3 }, { name: 'B', weight: 0 }, 'C', 'TestBinder'],
      score: [{ name: 'A', weight: 5 }],
    },
  });
  assert.deepEqual(Object.fromEntries(fw.scoreWeights), { A: 5, B: 1, C: 1 });
});

const errors: { name: string; opts: Parameters<typeof newTestFramework>[0]; want: RegExp }[] = [
  { name: 'unknown plugin', opts: { plugins: { filter: ['Nope'] } }, want: /FilterPlugin "Nope" does not exist/ },
  {
    name: 'plugin without the point',
    opts: { registry: registryOf(filterOnly('A')), plugins: { score: ['A'] } },
    want: /plugin "A" does not extend ScorePlugin plugin/,
  },
  {
    name: 'registered twice',
    opts: { registry: registryOf(filterOnly('A')), plugins: { filter: ['A', 'A'] } },
    want: /plugin "A" already registered as "FilterPlugin"/,
  },
  {
    name: 'two queue sorts',
    opts: { registry: registryOf(testQueueSort, { ...testQueueSort, name: 'Other' }), plugins: { queueSort: ['TestQueueSort', 'Other'] } },
    want: /only one queue sort plugin required for profile with scheduler name "default-scheduler", but got 2/,
  },
  { name: 'no binder', opts: { registry: registryOf(testQueueSort), plugins: { queueSort: ['TestQueueSort'], bind: [] } }, want: /at least one bind plugin is needed/ },
  {
    name: 'factory failure',
    opts: { registry: { A: () => { throw new Error('bad args'); } }, plugins: { filter: ['A'] } },
    want: /initializing plugin "A": bad args/,
  },
];

for (const c of errors) {
  test(`construction error: ${c.name}`, () => {
    assert.throws(() => newTestFramework(c.opts), c.want);
  });
}

test('queue-facing accessors: less, PreEnqueue plugins, registered events', () => {
  const gate = { name: 'Gate', preEnqueue: () => Status.success(), eventsToRegister: () => [{ event: { resource: 'Pod' as const, actionType: 1 } }] };
  const fw = newTestFramework({ registry: registryOf(gate), plugins: { preEnqueue: ['Gate'] } });
  assert.deepEqual(names(fw.preEnqueuePlugins()), ['Gate']);
  const events = fw.eventsToRegister();
  assert.deepEqual(events.get('Gate'), [{ event: { resource: 'Pod', actionType: 1 } }]);
  assert.deepEqual(events.get('TestBinder'), [{ event: { resource: 'WildCard', actionType: 4095, label: 'WildCard' } }], 'no EnqueueExtensions: every event');
  const gated = { name: 'Gated', preEnqueue: () => Status.unresolvable('waiting for gates') };
  const g = newTestFramework({ registry: registryOf(gated), plugins: { preEnqueue: ['Gated'] } });
  const s = g.runPreEnqueuePlugins(makePod('p').obj());
  assert.deepEqual([s.isSuccess(), s.plugin], [false, 'Gated']);
  const less = fw.queueSortLess();
  const q = (timestamp: number) => ({ timestamp }) as never;
  assert.equal(less(q(1), q(2)), true);
});
