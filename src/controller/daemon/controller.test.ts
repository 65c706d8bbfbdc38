import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTROLLER_REVISIONS } from '../../client/resources.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/revisions.js';
import { DaemonSetHarness, NS, newDaemonSet, newNode } from './testing.js';

const TAINT = { key: 'dedicated', value: 'db', effect: 'NoSchedule' as const };

interface Case {
  name: string;
  run(): Promise<void>;
}

const cases: Case[] = [
  {
    name: 'one pod per eligible node: a node with an untolerated taint gets none, a cordoned node still gets one',
    async run() {
      const h = new DaemonSetHarness(
        newDaemonSet('agent'), newNode('n1'), newNode('n2', { taints: [TAINT] }),
        newNode('n3', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }),
      );
      await h.pass();
      assert.deepEqual(Object.keys(h.placement()), ['n1', 'n3']);
      const pod = h.pods().find((p) => p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0] === 'n1')!;
      assert.equal(pod.spec?.nodeName, undefined, 'the scheduler binds daemon pods');
      assert.deepEqual(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
      });
      assert.deepEqual(pod.spec?.tolerations?.map((t) => `${t.key}:${t.operator}:${t.effect}`), [
        'node.kubernetes.io/not-ready:Exists:NoExecute', 'node.kubernetes.io/unreachable:Exists:NoExecute',
        'node.kubernetes.io/disk-pressure:Exists:NoSchedule', 'node.kubernetes.io/memory-pressure:Exists:NoSchedule',
        'node.kubernetes.io/pid-pressure:Exists:NoSchedule', 'node.kubernetes.io/unschedulable:Exists:NoSchedule',
      ]);
      assert.equal(pod.metadata?.generateName, 'agent-');
      assert.deepEqual(h.recorder.events.map((e) => e.replace(/agent-\w+$/, 'agent-x')), ['Normal SuccessfulCreate Created pod: agent-x', 'Normal SuccessfulCreate Created pod: agent-x']);
      h.markReadyAll();
      await h.pass();
      const s = h.ds().status!;
      assert.deepEqual(
        [s.desiredNumberScheduled, s.currentNumberScheduled, s.numberReady, s.numberAvailable, s.updatedNumberScheduled, s.numberMisscheduled, s.observedGeneration],
        [2, 2, 2, 2, 2, 0, 1],
      );
    },
  },
  {
    name: 'pods follow nodes: an added node gets a pod, a removed node\'s unbound pod is deleted',
    async run() {
      const h = new DaemonSetHarness(newDaemonSet('agent'), newNode('n1'), newNode('n2'));
      await h.pass();
      h.addNode(newNode('n3'));
      assert.ok(h.queue.pending.has(`${NS}/agent`), 'a new node enqueues the set');
      await h.pass();
      assert.deepEqual(Object.keys(h.placement()), ['n1', 'n2', 'n3']);
      h.takeWrites();
      h.removeNode('n2');
      await h.pass();
      assert.deepEqual(h.takeWrites().filter((w) => w.startsWith('delete')), ['delete pods']);
      assert.deepEqual(Object.keys(h.placement()), ['n1', 'n3']);
    },
  },
  {
    name: 'nodeSelector: only matching nodes; a node that loses the label loses its pod (misscheduled until then)',
    async run() {
      const h = new DaemonSetHarness(
        newDaemonSet('agent', { template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'a', image: 'agent:1' }] } } }),
        newNode('n1', { labels: { disk: 'ssd' } }), newNode('n2'), newNode('n3', { labels: { disk: 'ssd' } }),
      );
      await h.pass();
      assert.deepEqual(Object.keys(h.placement()), ['n1', 'n3']);
      h.queue.pending.clear();
      h.editNode('n3', (n) => delete n.metadata!.labels!.disk);
      assert.ok(h.queue.pending.has(`${NS}/agent`), 'a label change that moves the daemon enqueues the set');
      await h.pass();
      assert.deepEqual(Object.keys(h.placement()), ['n1']);
      assert.equal(h.ds().status?.numberMisscheduled, 1, 'counted from the pods the sync started with');
      await h.pass();
      assert.equal(h.ds().status?.numberMisscheduled, 0);
    },
  },
  {
    name: 'a heartbeat-only node update enqueues nothing',
    async run() {
      const h = new DaemonSetHarness(newDaemonSet('agent'), newNode('n1'));
      h.queue.pending.clear();
      h.editNode('n1', (n) => (n.status!.conditions![0]!.lastHeartbeatTime = '2026-01-01T00:00:10Z'));
      assert.equal(h.queue.pending.size, 0);
    },
  },
  {
    name: 'RollingUpdate maxUnavailable 1 replaces one node at a time, each after the previous new pod is available',
    async run() {
      const h = new DaemonSetHarness(newDaemonSet('agent'), newNode('n1'), newNode('n2'), newNode('n3'));
      await h.pass();
      h.markReadyAll();
      await h.pass();
      h.editDaemonSet((ds) => (ds.spec!.template.spec!.containers[0]!.image = 'agent:2'));
      const history: string[] = [];
      for (let i = 0; i < 12; i++) {
        await h.pass();
        const images = Object.values(h.placement()).flat();
        assert.ok(images.length >= 2, `at most one node without a pod (round ${i}: ${images})`);
        history.push(images.sort().join(','));
        if (i % 2 === 1) h.markReadyAll();
      }
      assert.deepEqual(h.placement(), { n1: ['agent:2'], n2: ['agent:2'], n3: ['agent:2'] });
      assert.ok(history.includes('agent:1,agent:1'), 'one old pod is gone before the next is touched');
      h.markReadyAll();
      await h.pass();
      const s = h.ds().status!;
      assert.deepEqual([s.updatedNumberScheduled, s.numberAvailable, s.observedGeneration], [3, 3, 2]);
      assert.equal(h.client.tracker.list(CONTROLLER_REVISIONS, NS).length, 2);
    },
  },
  {
    name: 'RollingUpdate maxSurge 1 starts the new pod beside the old one and deletes the old once the new is available',
    async run() {
      const h = new DaemonSetHarness(
        newDaemonSet('agent', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }), newNode('n1'), newNode('n2'),
      );
      await h.pass();
      h.markReadyAll();
      await h.pass();
      h.editDaemonSet((ds) => (ds.spec!.template.spec!.containers[0]!.image = 'agent:2'));
      await h.pass();
      assert.deepEqual(h.placement(), { n1: ['agent:1', 'agent:2'], n2: ['agent:1'] });
      await h.pass();
      assert.deepEqual(h.placement(), { n1: ['agent:1', 'agent:2'], n2: ['agent:1'] }, 'waits for the surge pod');
      h.markReadyAll();
      await h.pass();
      assert.deepEqual(h.placement(), { n1: ['agent:2'], n2: ['agent:1'] });
      await h.pass();
      assert.deepEqual(h.placement(), { n1: ['agent:2'], n2: ['agent:1', 'agent:2'] });
    },
  },
  {
    name: 'a failed daemon pod is killed with an event, then not again until its back-off has passed',
    async run() {
      const h = new DaemonSetHarness(newDaemonSet('agent'), newNode('n1'));
      await h.pass();
      const first = h.pods()[0]!.metadata!.name!;
      h.setPhase(first, 'Failed');
      await h.pass();
      assert.ok(h.recorder.events.includes(`Warning FailedDaemonPod Found failed daemon pod ${NS}/${first} on node n1, will try to kill it`));
      await h.pass();
      const second = h.pods()[0]!.metadata!.name!;
      assert.notEqual(second, first);
      h.setPhase(second, 'Failed');
      await h.pass();
      assert.deepEqual(h.queue.delayed.at(-1), { key: `${NS}/agent`, ms: 1000 }, 'still in the 1 s back-off');
      assert.equal(h.pods()[0]?.metadata?.name, second);
      h.clock.step(1000);
      await h.pass();
      assert.equal(h.pods().some((p) => p.metadata?.name === second), false);
    },
  },
  {
    name: 'the pods carry the current revision hash; the revision is named <set>-<hash>',
    async run() {
      const h = new DaemonSetHarness(newDaemonSet('agent'), newNode('n1'));
      await h.pass();
      const rev = h.client.tracker.list(CONTROLLER_REVISIONS, NS)[0]!;
      const hash = rev.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
      assert.equal(rev.metadata?.name, `agent-${hash}`);
      assert.equal(h.pods()[0]?.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL], hash);
    },
  },
];

for (const c of cases) test(c.name, c.run);
