import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock/clock.js';
import { CycleState } from '../framework/cycle-state.js';
import type {
  BindPlugin,
  FilterPlugin,
  PermitPlugin,
  PostFilterPlugin,
  PreBindPlugin,
  PreFilterPlugin,
  PreScorePlugin,
  ReservePlugin,
  ScorePlugin,
} from '../framework/interface.js';
import { Code, Status } from '../framework/status.js';
import { NodeInfo, PodInfo } from '../framework/types.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { newTestFramework, registryOf } from './testing.js';

const pod = makePod('p').obj();
const nodes = ['n1', 'n2', 'n3'].map((n) => new NodeInfo(makeNode(n).obj()));

const preFilter = (name: string, out: { status?: Status; names?: string[] }, calls?: string[]): PreFilterPlugin => ({
  name,
  preFilter: () => {
    calls?.push(name);
    return { status: out.status ?? Status.success(), ...(out.names ? { result: { nodeNames: new Set(out.names) } } : {}) };
  },
});

const filter = (name: string, verdict: (n: NodeInfo) => Status, calls?: string[]): FilterPlugin => ({
  name,
  filter: (_s, _p, n) => {
    calls?.push(`${name}:${n.name}`);
    return verdict(n);
  },
});

test('PreFilter: node-name results are intersected; plugins that narrowed are reported sorted', () => {
  const fw = newTestFramework({
    registry: registryOf(preFilter('B', { names: ['n1', 'n2'] }), preFilter('A', { names: ['n2', 'n3'] }), preFilter('C', {})),
    plugins: { preFilter: ['B', 'A', 'C'] },
  });
  const out = fw.runPreFilterPlugins(new CycleState(), pod, nodes);
  assert.ok(out.status.isSuccess());
  assert.deepEqual([...out.result!.nodeNames!], ['n2']);
  assert.deepEqual(out.pluginsWithNodes, ['A', 'B']);
});

test('PreFilter: an empty intersection is UnschedulableAndUnresolvable naming the plugins', () => {
  const two = newTestFramework({
    registry: registryOf(preFilter('B', { names: ['n1'] }), preFilter('A', { names: ['n2'] })),
    plugins: { preFilter: ['B', 'A'] },
  });
  const out = two.runPreFilterPlugins(new CycleState(), pod, nodes);
  assert.equal(out.status.code, Code.UnschedulableAndUnresolvable);
  assert.equal(out.status.message(), "node(s) didn't satisfy plugin(s) [A B] simultaneously");
  const one = newTestFramework({ registry: registryOf(preFilter('A', { names: [] })), plugins: { preFilter: ['A'] } });
  assert.equal(one.runPreFilterPlugins(new CycleState(), pod, nodes).status.message(), "node(s) didn't satisfy plugin A");
});

test('PreFilter: Skip marks the plugin for Filter; its Filter is not called', () => {
  const calls: string[] = [];
  const skipper = { ...preFilter('S', { status: Status.skip() }), ...filter('S', () => Status.unschedulable('no'), calls) };
  const fw = newTestFramework({ registry: registryOf(skipper), plugins: { preFilter: ['S'], filter: ['S'] } });
  const state = new CycleState();
  fw.runPreFilterPlugins(state, pod, nodes);
  assert.ok(state.skipFilterPlugins.has('S'));
  assert.ok(fw.runFilterPlugins(state, pod, nodes[0]!).isSuccess());
  assert.deepEqual(calls, []);
});

test('PreFilter: Unresolvable stops at once, Unschedulable lets the others run, errors are wrapped', () => {
  const calls: string[] = [];
  const stop = newTestFramework({
    registry: registryOf(preFilter('X', { status: Status.unresolvable('never') }, calls), preFilter('Y', {}, calls)),
    plugins: { preFilter: ['X', 'Y'] },
  });
  const s1 = stop.runPreFilterPlugins(new CycleState(), pod, nodes).status;
  assert.deepEqual([s1.code, s1.plugin, calls], [Code.UnschedulableAndUnresolvable, 'X', ['X']]);
  calls.length = 0;
  const goOn = newTestFramework({
    registry: registryOf(preFilter('X', { status: Status.unschedulable('not now') }, calls), preFilter('Y', {}, calls)),
    plugins: { preFilter: ['X', 'Y'] },
  });
  const s2 = goOn.runPreFilterPlugins(new CycleState(), pod, nodes).status;
  assert.deepEqual([s2.code, s2.plugin, calls], [Code.Unschedulable, 'X', ['X', 'Y']]);
  const err = newTestFramework({ registry: registryOf(preFilter('E', { status: Status.error(new Error('boom')) })), plugins: { preFilter: ['E'] } });
  const s3 = err.runPreFilterPlugins(new CycleState(), pod, nodes).status;
  assert.deepEqual([s3.code, s3.message()], [Code.Error, 'running PreFilter plugin "E": boom']);
});

test('Filter: stops at the first plugin that does not pass and names it', () => {
  const calls: string[] = [];
  const fw = newTestFramework({
    registry: registryOf(
      filter('A', () => Status.success(), calls),
      filter('B', () => Status.unschedulable('Insufficient cpu'), calls),
      filter('C', () => Status.success(), calls),
    ),
    plugins: { filter: ['A', 'B', 'C'] },
  });
  const s = fw.runFilterPlugins(new CycleState(), pod, nodes[0]!);
  assert.deepEqual([s.code, s.plugin, s.message()], [Code.Unschedulable, 'B', 'Insufficient cpu']);
  assert.deepEqual(calls, ['A:n1', 'B:n1']);
});

test('Filter: a non-rejection failure or a throw is an Error naming the plugin', () => {
  const fw = newTestFramework({
    registry: registryOf(filter('W', () => Status.wait()), filter('T', () => { throw new Error('oops'); })),
    plugins: { filter: ['W'] },
  });
  const s = fw.runFilterPlugins(new CycleState(), pod, nodes[0]!);
  assert.deepEqual([s.code, s.plugin, s.message()], [Code.Error, 'W', 'running "W" filter plugin: ']);
  const t = newTestFramework({ registry: registryOf(filter('T', () => { throw new Error('oops'); })), plugins: { filter: ['T'] } });
  assert.equal(t.runFilterPlugins(new CycleState(), pod, nodes[0]!).message(), 'running "T" filter plugin: oops');
});

test('Filter with nominated pods: two passes, with higher-or-equal priority nominees and without', () => {
  const high = new PodInfo(makePod('high').priority(10).obj());
  const low = new PodInfo(makePod('low').priority(-1).obj());
  const seen: number[] = [];
  const added: string[] = [];
  const counting: FilterPlugin & PreFilterPlugin = {
    name: 'Count',
    preFilter: () => ({ status: Status.success() }),
    preFilterExtensions: () => ({
      addPod: (_s, _p, pi) => (added.push(pi.pod.metadata!.name!), Status.success()),
      removePod: () => Status.success(),
    }),
    filter: (_s, _p, n) => (seen.push(n.pods.length), n.pods.length > 1 ? Status.unschedulable('too many') : Status.success()),
  };
  const nominator = { nominatedPodsForNode: (n: string) => (n === 'n1' ? [high, low] : []) };
  const fw = newTestFramework({ registry: registryOf(counting), plugins: { preFilter: ['Count'], filter: ['Count'] }, nominator });
  const info = new NodeInfo(makeNode('n1').obj());
  assert.ok(fw.runFilterPluginsWithNominatedPods(new CycleState(), makePod('p').obj(), info).isSuccess());
  assert.deepEqual(seen, [1, 0], 'first pass with the high-priority nominee only, then without it');
  assert.deepEqual(added, ['high']);
  assert.equal(info.pods.length, 0, 'the snapshot NodeInfo is not changed');
  info.addPod(makePod('running').node('n1').obj());
  seen.length = 0;
  const s = fw.runFilterPluginsWithNominatedPods(new CycleState(), makePod('p').obj(), info);
  assert.equal(s.code, Code.Unschedulable);
  assert.deepEqual(seen, [2], 'a failing first pass ends it');
});

test('PostFilter: first success wins with its nomination; rejections gather reasons; Unresolvable stops', async () => {
  const pf = (name: string, status: Status, nominated?: string): PostFilterPlugin => ({
    name,
    postFilter: async () => ({ status, ...(nominated !== undefined ? { result: { nominatedNodeName: nominated } } : {}) }),
  });
  const ok = newTestFramework({
    registry: registryOf(pf('A', Status.unschedulable('a')), pf('B', Status.success(), 'n2')),
    plugins: { postFilter: ['A', 'B'] },
  });
  const r1 = await ok.runPostFilterPlugins(new CycleState(), pod, new Map());
  assert.deepEqual([r1.status.isSuccess(), r1.result?.nominatedNodeName], [true, 'n2']);
  const none = newTestFramework({
    registry: registryOf(pf('A', Status.unschedulable('a')), pf('B', Status.unschedulable('b'))),
    plugins: { postFilter: ['A', 'B'] },
  });
  const r2 = await none.runPostFilterPlugins(new CycleState(), pod, new Map());
  assert.deepEqual([r2.status.code, r2.status.plugin, r2.status.message()], [Code.Unschedulable, 'A', 'a, b']);
  const stop = newTestFramework({
    registry: registryOf(pf('A', Status.unresolvable('x')), pf('B', Status.success(), 'n1')),
    plugins: { postFilter: ['A', 'B'] },
  });
  const r3 = await stop.runPostFilterPlugins(new CycleState(), pod, new Map());
  assert.deepEqual([r3.status.code, r3.status.plugin], [Code.UnschedulableAndUnresolvable, 'A']);
});

test('PreScore Skip skips that plugin\'s Score', () => {
  let scored = 0;
  const p: PreScorePlugin & ScorePlugin = {
    name: 'P',
    preScore: () => Status.skip(),
    score: () => (scored++, { score: 50, status: Status.success() }),
  };
  const fw = newTestFramework({ registry: registryOf(p), plugins: { preScore: ['P'], score: ['P'] } });
  const state = new CycleState();
  assert.ok(fw.runPreScorePlugins(state, pod, nodes).isSuccess());
  const out = fw.runScorePlugins(state, pod, nodes);
  assert.equal(scored, 0);
  assert.deepEqual(out.totals.map((t) => t.score), [0, 0, 0]);
});

test('Score: NormalizeScore rescales, then × weight, summed over plugins', () => {
  const raw = (name: string, values: Record<string, number>, normalize = false): ScorePlugin => ({
    name,
    score: (_s, _p, n) => ({ score: values[n.name]!, status: Status.success() }),
    ...(normalize
      ? {
          scoreExtensions: () => ({
            normalizeScore: (_s, _p, scores) => {
              const max = Math.max(...scores.map((x) => x.score));
              for (const x of scores) x.score = Math.floor((x.score * 100) / max);
              return Status.success();
            },
          }),
        }
      : {}),
  });
  const fw = newTestFramework({
    registry: registryOf(raw('Big', { n1: 1000, n2: 500, n3: 0 }, true), raw('Flat', { n1: 10, n2: 20, n3: 30 })),
    plugins: { score: [{ name: 'Big', weight: 2 }, 'Flat'] },
  });
  const out = fw.runScorePlugins(new CycleState(), pod, nodes);
  assert.ok(out.status.isSuccess());
  assert.deepEqual(out.perPlugin.get('Big')!.map((x) => x.score), [100, 50, 0]);
  assert.deepEqual(out.totals.map((t) => [t.name, t.score]), [['n1', 210], ['n2', 120], ['n3', 30]]);
});

test('Score: a score outside [0, 100] after normalizing is an error', () => {
  const bad: ScorePlugin = { name: 'Bad', score: () => ({ score: 101, status: Status.success() }) };
  const fw = newTestFramework({ registry: registryOf(bad), plugins: { score: ['Bad'] } });
  const out = fw.runScorePlugins(new CycleState(), pod, nodes);
  assert.equal(out.status.code, Code.Error);
  assert.match(out.status.message(), /plugin "Bad" returns an invalid score 101, it should in the range of \[0, 100\] after normalizing/);
});

test('Reserve: stops at the first failure; Unreserve runs on every plugin in reverse order', () => {
  const calls: string[] = [];
  const r = (name: string, s: Status): ReservePlugin => ({
    name,
    reserve: () => (calls.push(`reserve ${name}`), s),
    unreserve: () => void calls.push(`unreserve ${name}`),
  });
  const fw = newTestFramework({
    registry: registryOf(r('A', Status.success()), r('B', Status.unschedulable('full')), r('C', Status.success())),
    plugins: { reserve: ['A', 'B', 'C'] },
  });
  const s = fw.runReservePluginsReserve(new CycleState(), pod, 'n1');
  assert.deepEqual([s.code, s.plugin], [Code.Unschedulable, 'B']);
  fw.runReservePluginsUnreserve(new CycleState(), pod, 'n1');
  assert.deepEqual(calls, ['reserve A', 'reserve B', 'unreserve C', 'unreserve B', 'unreserve A']);
});

const permitting = (name: string, status: Status, timeoutMs = 0): PermitPlugin => ({ name, permit: () => ({ status, timeoutMs }) });

test('Permit: Wait holds the pod until every waiting plugin allows it', async () => {
  const clock = new FakeClock();
  const fw = newTestFramework({
    registry: registryOf(permitting('A', Status.wait(), 10_000), permitting('B', Status.wait(), 10_000)),
    plugins: { permit: ['A', 'B'] },
    clock,
  });
  const s = fw.runPermitPlugins(new CycleState(), pod, 'n1');
  assert.equal(s.code, Code.Wait);
  assert.equal(s.message(), 'one or more plugins asked to wait and no plugin rejected pod "p"');
  const waiting = fw.waitOnPermit(pod);
  fw.getWaitingPod(pod.metadata!.uid!)!.allow('A');
  let done = false;
  void waiting.then(() => (done = true));
  await Promise.resolve();
  assert.equal(done, false, 'B has not allowed yet');
  fw.getWaitingPod(pod.metadata!.uid!)!.allow('B');
  assert.ok((await waiting).isSuccess());
  assert.equal(fw.getWaitingPod(pod.metadata!.uid!), undefined);
});

test('Permit: a reject names the plugin; a timeout rejects with upstream\'s message', async () => {
  const clock = new FakeClock();
  const fw = newTestFramework({ registry: registryOf(permitting('A', Status.wait(), 10_000)), plugins: { permit: ['A'] }, clock });
  fw.runPermitPlugins(new CycleState(), pod, 'n1');
  const w1 = fw.waitOnPermit(pod);
  fw.getWaitingPod(pod.metadata!.uid!)!.reject('Gang', 'gang incomplete');
  const s1 = await w1;
  assert.deepEqual([s1.code, s1.plugin, s1.message()], [Code.Unschedulable, 'Gang', 'gang incomplete']);

  fw.runPermitPlugins(new CycleState(), pod, 'n1');
  const w2 = fw.waitOnPermit(pod);
  clock.step(10_000);
  const s2 = await w2;
  assert.deepEqual([s2.code, s2.plugin, s2.message()], [Code.Unschedulable, 'A', 'rejected due to timeout after waiting 10s at plugin A']);
});

test('Permit: a rejection stops at once and no pod waits', () => {
  const fw = newTestFramework({
    registry: registryOf(permitting('A', Status.wait(), 1000), permitting('B', Status.unschedulable('no'))),
    plugins: { permit: ['A', 'B'] },
  });
  const s = fw.runPermitPlugins(new CycleState(), pod, 'n1');
  assert.deepEqual([s.code, s.plugin], [Code.Unschedulable, 'B']);
  assert.equal(fw.waitingPods.size, 0);
});

test('Bind: Skip passes to the next binder; the first non-Skip decides; all Skip is Skip', async () => {
  const calls: string[] = [];
  const b = (name: string, s: Status): BindPlugin => ({ name, bind: async () => (calls.push(name), s) });
  const fw = newTestFramework({
    registry: registryOf(b('S', Status.skip()), b('OK', Status.success()), b('Never', Status.success())),
    plugins: { bind: ['S', 'OK', 'Never'] },
  });
  assert.ok((await fw.runBindPlugins(new CycleState(), pod, 'n1')).isSuccess());
  assert.deepEqual(calls, ['S', 'OK']);
  const skipAll = newTestFramework({ registry: registryOf(b('S', Status.skip())), plugins: { bind: ['S'] } });
  assert.equal((await skipAll.runBindPlugins(new CycleState(), pod, 'n1')).code, Code.Skip);
  const err = newTestFramework({ registry: registryOf(b('E', Status.error(new Error('conflict')))), plugins: { bind: ['E'] } });
  assert.equal((await err.runBindPlugins(new CycleState(), pod, 'n1')).message(), 'running Bind plugin "E": conflict');
});

test('PreBind: the first failure stops, rejections keep their code', async () => {
  const pb = (name: string, s: Status): PreBindPlugin => ({ name, preBind: async () => s });
  const fw = newTestFramework({
    registry: registryOf(pb('A', Status.success()), pb('B', Status.unresolvable('volume gone')), pb('C', Status.error(new Error('x')))),
    plugins: { preBind: ['A', 'B', 'C'] },
  });
  const s = await fw.runPreBindPlugins(new CycleState(), pod, 'n1');
  assert.deepEqual([s.code, s.plugin], [Code.UnschedulableAndUnresolvable, 'B']);
});
