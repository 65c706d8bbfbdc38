/**
 * Frameworks for unit tests (the role of upstream's frameworkruntime tests' NewFramework with tf.Register…):
 *
 *   const fw = newTestFramework({
 *     registry: registryOf(myFilter, myScore),
 *     plugins: { filter: ['MyFilter'], score: [{ name: 'MyScore', weight: 2 }] },
 *   });
 *
 * A queue sort and a binder are added (`TestQueueSort`, `TestBinder`: binds nothing, returns Success) unless the
 * test configures queueSort / bind or multiPoint itself. Client, informers and clock are fakes unless given.
 */
import { FakeClient } from '../../client/fake/client.js';
import { FakeInformerFactory } from '../../client/fake/informers.js';
import type { Client } from '../../client/interface.js';
import type { SharedInformerFactory } from '../../client/informer/interface.js';
import { NOP_RECORDER, type EventRecorder } from '../../client/record/interface.js';
import { FakeClock, type Clock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import { emptyPlugins, type ExtensionPoint, type PluginConfig, type PluginRef } from '../config/types.js';
import type { BindPlugin, NodeInfoLister, Plugin, PodNominator, QueueSortPlugin, Registry } from '../framework/interface.js';
import { Status } from '../framework/status.js';
import type { SchedulerMetrics } from '../metrics.js';
import { Framework } from './framework.js';
import type { WaitingPodsMap } from './waiting-pods.js';

/** A registry whose factories return the given instances. */
export function registryOf(...plugins: Plugin[]): Registry {
  return Object.fromEntries(plugins.map((p) => [p.name, () => p]));
}

export const testQueueSort: QueueSortPlugin = { name: 'TestQueueSort', less: (a, b) => a.timestamp < b.timestamp };
export const testBinder: BindPlugin = { name: 'TestBinder', bind: async () => Status.success() };

const EMPTY_SNAPSHOT: NodeInfoLister = {
  list: () => [],
  havePodsWithAffinityList: () => [],
  havePodsWithRequiredAntiAffinityList: () => [],
  get: () => undefined,
};

export interface TestFrameworkOptions {
  registry?: Registry;
  plugins?: Partial<Record<ExtensionPoint | 'multiPoint', (string | PluginRef)[]>>;
  /** Plugins disabled per point (`*` for all): what multiPoint expansion must leave out there. */
  disabled?: Partial<Record<ExtensionPoint | 'multiPoint', string[]>>;
  pluginConfig?: PluginConfig[];
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  snapshot?: NodeInfoLister;
  client?: Client;
  informers?: SharedInformerFactory;
  clock?: Clock;
  recorder?: EventRecorder;
  logger?: Logger;
  nominator?: PodNominator;
  waitingPods?: WaitingPodsMap;
  metrics?: SchedulerMetrics;
}

export function newTestFramework(o: TestFrameworkOptions = {}): Framework {
  const plugins = emptyPlugins();
  for (const [ep, refs] of Object.entries(o.plugins ?? {}) as [ExtensionPoint | 'multiPoint', (string | PluginRef)[]][]) {
    plugins[ep].enabled = refs.map((r) => (typeof r === 'string' ? { name: r } : r));
  }
  for (const [ep, list] of Object.entries(o.disabled ?? {}) as [ExtensionPoint | 'multiPoint', string[]][]) {
    plugins[ep].disabled = list.map((name) => ({ name }));
  }
  const registry: Registry = { ...o.registry };
  if (!o.plugins?.queueSort && !o.plugins?.multiPoint) {
    plugins.queueSort.enabled.push({ name: testQueueSort.name });
    registry[testQueueSort.name] ??= () => testQueueSort;
  }
  if (!o.plugins?.bind && !o.plugins?.multiPoint) {
    plugins.bind.enabled.push({ name: testBinder.name });
    registry[testBinder.name] ??= () => testBinder;
  }
  const client = o.client ?? new FakeClient();
  return new Framework({
    registry,
    profile: {
      schedulerName: o.schedulerName ?? 'default-scheduler',
      plugins,
      pluginConfig: o.pluginConfig ?? [],
      ...(o.percentageOfNodesToScore !== undefined ? { percentageOfNodesToScore: o.percentageOfNodesToScore } : {}),
    },
    client,
    informers: o.informers ?? new FakeInformerFactory(client instanceof FakeClient ? client : undefined),
    clock: o.clock ?? new FakeClock(),
    recorder: o.recorder ?? NOP_RECORDER,
    logger: o.logger ?? nopLogger,
    snapshot: o.snapshot ?? EMPTY_SNAPSHOT,
    ...(o.nominator ? { nominator: o.nominator } : {}),
    ...(o.waitingPods ? { waitingPods: o.waitingPods } : {}),
    ...(o.metrics ? { metrics: o.metrics } : {}),
  });
}
