/**
 * The default profile end to end: runScheduler with the upstream default configuration, the in-tree plugins and
 * the real scheduling queue, over a FakeClient (real informers on its watches, real event recorder).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../client/fake/client.js';
import type { KubeObject } from '../client/interface.js';
import { EVENTS, PODS } from '../client/resources.js';
import { nopLogger } from '../machinery/log/logger.js';
import type { PluginFactory, Registry } from './framework/interface.js';
import { runScheduler } from './index.js';
import { makeNode, makePod } from './testing/wrappers.js';
import * as defaultBinder from './plugins/default-binder/index.js';
import * as defaultPreemption from './plugins/default-preemption/index.js';
import * as imageLocality from './plugins/image-locality/index.js';
import * as interPodAffinity from './plugins/inter-pod-affinity/index.js';
import * as nodeAffinity from './plugins/node-affinity/index.js';
import * as nodeName from './plugins/node-name/index.js';
import * as nodePorts from './plugins/node-ports/index.js';
import * as balanced from './plugins/node-resources-balanced-allocation/index.js';
import * as fit from './plugins/node-resources-fit/index.js';
import * as nodeUnschedulable from './plugins/node-unschedulable/index.js';
import * as spread from './plugins/pod-topology-spread/index.js';
import * as prioritySort from './plugins/priority-sort/index.js';
import * as gates from './plugins/scheduling-gates/index.js';
import * as taints from './plugins/taint-toleration/index.js';
import * as volumeBinding from './plugins/volume-binding/index.js';
import * as volumeRestrictions from './plugins/volume-restrictions/index.js';

const modules: { NAME: string; factory: PluginFactory }[] = [
  gates, prioritySort, nodeUnschedulable, nodeName, taints, nodeAffinity, nodePorts, fit, volumeRestrictions, volumeBinding,
  spread, interPodAffinity, defaultPreemption, balanced, imageLocality, defaultBinder,
];
const registry: Registry = Object.fromEntries(modules.map((m) => [m.NAME, m.factory]));

async function until(cond: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 5000; !cond(); ) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('default profile: binds what fits, explains what does not in the upstream words', async () => {
  const client = new FakeClient({
    objects: [
      makeNode('cp').taint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).obj(),
      makeNode('w1').capacity({ cpu: '1', memory: '4Gi' }).obj(),
      makeNode('w2').capacity({ cpu: '2', memory: '4Gi' }).obj(),
      makePod('small').req({ cpu: '500m' }).obj(),
      makePod('huge').req({ cpu: '3' }).obj(),
    ] as KubeObject[],
  });
  const pod = (name: string): Pod => client.tracker.get(PODS, 'default', name) as Pod;
  const ac = new AbortController();
  const running = runScheduler({ client, logger: nopLogger, registry, leaderElect: false }, ac.signal);
  try {
    await until(() => !!pod('small').spec?.nodeName && !!pod('huge').status?.conditions?.length, 'both attempts');
    const reasons = (): string[] => client.tracker.list(EVENTS, 'default').map((e) => `${(e as { reason: string }).reason}`);
    await until(() => reasons().length === 2, 'two events');
  } finally {
    ac.abort();
    await running;
  }
  // The least allocated node wins for the small pod.
  assert.equal(pod('small').spec?.nodeName, 'w2');
  const msg =
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
    'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
  const cond = pod('huge').status!.conditions![0]!;
  assert.deepEqual([cond.type, cond.status, cond.reason, cond.message], ['PodScheduled', 'False', 'Unschedulable', msg]);
  const events = client.tracker.list(EVENTS, 'default') as unknown as { reason: string; message: string; source: { component: string } }[];
  assert.deepEqual(events.map((e) => [e.reason, e.message, e.source.component]).sort(), [
    ['FailedScheduling', msg, 'default-scheduler'],
    ['Scheduled', 'Successfully assigned default/small to w2', 'default-scheduler'],
  ]);
});
