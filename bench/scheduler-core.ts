/**
 * A micro benchmark of the scheduler core (not a test): one process, no API server. The Scheduler runs with the
 * default profile and the in-tree plugins over a FakeClient; bindings go through pods/binding on the fake and the
 * bound pod is handed straight to the pods informer (as a watch would), so the cache confirms it as in a cluster.
 * Measures the scheduling loop itself: snapshot updates, PreFilter/Filter/Score over the nodes, assume/bind.
 * Latency is from the start of the measured phase (every pod is queued by then) to its binding.
 *
 *   npx tsx bench/scheduler-core.ts [--nodes 5000] [--initial 1000] [--pods 10000]
 */
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../src/client/fake/client.js';
import { FakeInformerFactory, type FakeInformer } from '../src/client/fake/informers.js';
import type { KubeObject } from '../src/client/interface.js';
import { PODS } from '../src/client/resources.js';
import { NOP_RECORDER } from '../src/client/record/interface.js';
import { realClock } from '../src/machinery/clock/clock.js';
import { nopLogger } from '../src/machinery/log/logger.js';
import { defaultConfiguration } from '../src/scheduler/config/load.js';
import type { BindPlugin, Registry } from '../src/scheduler/framework/interface.js';
import { IN_TREE_REGISTRY } from '../src/scheduler/plugins/registry.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { makeNode, makePod } from '../src/scheduler/testing/wrappers.js';

const { values: args } = parseArgs({
  options: { nodes: { type: 'string', default: '5000' }, initial: { type: 'string', default: '1000' }, pods: { type: 'string', default: '10000' } },
});
const NODES = Number(args.nodes);
const INITIAL = Number(args.initial);
const PODS_MEASURED = Number(args.pods);

const client = new FakeClient();
const informers = new FakeInformerFactory(client);
for (let i = 0; i < NODES; i++) {
  const zone = `zone-${i % 3}`;
  const node = makeNode(`node-${i}`).capacity({ cpu: '4', memory: '32Gi', pods: '110' }).label('topology.kubernetes.io/zone', zone).obj();
  client.tracker.create({ group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false }, '', node as KubeObject);
}
const pod = (name: string, node?: string): Pod => {
  const w = makePod(name).req({ cpu: '100m', memory: '500Mi' });
  return (node ? w.node(node) : w).obj();
};
for (let i = 0; i < INITIAL; i++) client.tracker.create(PODS, 'default', pod(`initial-${i}`, `node-${i % NODES}`) as KubeObject);

// A bind answered by the fake reaches the pods informer at once, as the watch event would.
const podInformer = informers.informerFor(PODS) as FakeInformer<KubeObject>;
const registry: Registry = {
  ...IN_TREE_REGISTRY,
  DefaultBinder: (args, handle) => {
    const inner = IN_TREE_REGISTRY['DefaultBinder']!(args, handle) as BindPlugin;
    const wrapped: BindPlugin = {
      name: inner.name,
      bind: async (state, p, node) => {
        const st = await inner.bind(state, p, node);
        if (st.isSuccess()) podInformer.set(client.tracker.get(PODS, 'default', p.metadata!.name!));
        return st;
      },
    };
    return wrapped;
  },
};

const config = defaultConfiguration();
const scheduler = new Scheduler({
  client,
  informers,
  config,
  registry,
  clock: realClock,
  logger: nopLogger,
  recorderFor: () => NOP_RECORDER,
});

const latencies: number[] = [];
const created = new Map<string, number>();
for (let i = 0; i < PODS_MEASURED; i++) {
  const p = pod(`measured-${i}`);
  client.tracker.create(PODS, 'default', p as KubeObject);
}
// The measured pods enter the queue first (a list), then the clock starts: this measures scheduling, not the fake.
podInformer.replace(client.tracker.list(PODS, '') as KubeObject[]);
const t0 = performance.now();
for (let i = 0; i < PODS_MEASURED; i++) created.set(`default/measured-${i}`, t0);
const cpu0 = process.cpuUsage();
let bound = 0;
const onBound = (name: string): void => {
  const start = created.get(name);
  if (start === undefined) return;
  created.delete(name);
  latencies.push(performance.now() - start);
  bound++;
};
podInformer.addEventHandler({
  onUpdate: (old, cur) => {
    const o = old as Pod;
    const c = cur as Pod;
    if (!o.spec?.nodeName && c.spec?.nodeName) onBound(`${c.metadata?.namespace}/${c.metadata?.name}`);
  },
});

const ac = new AbortController();
const running = scheduler.run(ac.signal);
while (bound < PODS_MEASURED) await new Promise((r) => setTimeout(r, 20));
const seconds = (performance.now() - t0) / 1000;
ac.abort();
await running;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const pct = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
console.log(`| nodes | initial pods | measured pods | pods/s | p50 ms | p99 ms | CPU s | heap MB |`);
console.log(`|---|---|---|---|---|---|---|---|`);
console.log(
  `| ${NODES} | ${INITIAL} | ${PODS_MEASURED} | ${(PODS_MEASURED / seconds).toFixed(0)} | ${pct(0.5).toFixed(0)} | ${pct(0.99).toFixed(0)} | ` +
    `${((cpu.user + cpu.system) / 1e6).toFixed(1)} | ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} |`,
);
