/**
 * Where the scheduler of `k8ts up --hollow-nodes 2` puts pods, through the real kubectl, on `k8ts sim` nodes each
 * test starts with its own prefix, labels, taints and capacity (and deletes at its end): requests that fit one
 * node only, nodeSelector and node affinity, taints and tolerations, pod anti-affinity spreading a Deployment one
 * per node, and topology spread across zones. The file's two `up` nodes (hollow-node-0/1: cpu 8, no extra labels)
 * exist in every test; the pods here select the test's nodes by a label (pool=<namespace>) or ask for more cpu
 * than 8, and the expected FailedScheduling messages count them.
 */
import assert from 'node:assert/strict';
import { createAll, countByNode, expectUnschedulable, podManifest, pods, waitRunning } from './support/scheduling.js';
import { SimNodes, waitForNodeSet } from './support/sim.js';
import { describeBackends, describeResult, poll, type E2E } from './support/suite.js';

const UP_NODES = ['hollow-node-0', 'hollow-node-1'];
const POOL = 'e2e.k8ts.io/pool';

/** Runs `body` with the test's own sim nodes, stopped and deleted afterwards whatever happens. */
async function withSims(x: E2E, body: (sims: SimNodes) => Promise<void>): Promise<void> {
  const sims = new SimNodes(x);
  try {
    await body(sims);
  } finally {
    await sims.stopAll();
  }
}

const poolSelector = (x: E2E) => ({ nodeSelector: { [POOL]: x.ns } });

function deployment(name: string, replicas: number, podSpec: Record<string, unknown>, cpu = '100m'): Record<string, unknown> {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { ...podManifest(name, { cpu, labels }).spec as object, ...podSpec } },
    },
  };
}

describeBackends(
  'scheduler placement',
  (s) => {
    s.e2e('requests: a pod that fits one node only lands there; an identical one fits nowhere and says Insufficient cpu', async (x) => {
      await withSims(x, async (sims) => {
        const [small] = await sims.start({ prefix: `${x.ns}-small-`, capacity: { cpu: '6', memory: '8Gi' } });
        const [big] = await sims.start({ prefix: `${x.ns}-big-`, capacity: { cpu: '16', memory: '64Gi' } });
        await waitForNodeSet(x, [...UP_NODES, small!, big!]);
        const capacity = await x.k(['get', 'node', big!, '-o', 'jsonpath={.status.capacity.cpu} {.status.allocatable.cpu} {.status.capacity.memory}']);
        assert.equal(capacity.stdout, '16 16 64Gi');

        // 12 cpu: more than the up nodes (8) and the small node (6) have.
        await createAll(x, [podManifest('first', { cpu: '12' })]);
        assert.deepEqual(await waitRunning(x, ['first']), { first: big });

        await createAll(x, [podManifest('second', { cpu: '12' })]);
        await expectUnschedulable(
          x,
          'second',
          '0/4 nodes are available: 4 Insufficient cpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
        );

        // Freeing the big node (a pod deleted is a cluster event for NodeResourcesFit) schedules the waiting pod there.
        await x.ok(['delete', 'pod', 'first', '--wait=true', '--timeout=60s'], { timeoutMs: 90_000 });
        assert.deepEqual(await waitRunning(x, ['second']), { second: big });
      });
    }, { timeoutMs: 240_000 });

    s.e2e('nodeSelector and required/preferred node affinity', async (x) => {
      await withSims(x, async (sims) => {
        const [ssd] = await sims.start({ prefix: `${x.ns}-ssd-`, labels: { [POOL]: x.ns, disktype: 'ssd', 'e2e.k8ts.io/generation': '5' } });
        const hdd = await sims.start({ prefix: `${x.ns}-hdd-`, nodes: 2, labels: { [POOL]: x.ns, disktype: 'hdd', 'e2e.k8ts.io/generation': '3' } });
        await waitForNodeSet(x, [...UP_NODES, ssd!, ...hdd]);
        const required = (...exprs: Record<string, unknown>[]) => ({
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: POOL, operator: 'In', values: [x.ns] }, ...exprs] }] } } },
        });
        await createAll(x, [
          podManifest('by-selector', { cpu: '100m', spec: { nodeSelector: { [POOL]: x.ns, disktype: 'ssd' } } }),
          podManifest('not-ssd', { cpu: '100m', spec: required({ key: 'disktype', operator: 'NotIn', values: ['ssd'] }) }),
          podManifest('newer-than-4', { cpu: '100m', spec: required({ key: 'e2e.k8ts.io/generation', operator: 'Gt', values: ['4'] }) }),
          podManifest('nvme', { cpu: '100m', spec: required({ key: 'disktype', operator: 'In', values: ['nvme'] }) }),
        ]);
        const placed = await waitRunning(x, ['by-selector', 'not-ssd', 'newer-than-4']);
        assert.equal(placed['by-selector'], ssd);
        assert.ok(hdd.includes(placed['not-ssd']!), `not-ssd on ${placed['not-ssd']}, want one of ${hdd.join(', ')}`);
        assert.equal(placed['newer-than-4'], ssd);
        await expectUnschedulable(
          x,
          'nvme',
          "0/5 nodes are available: 5 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.",
        );

        // Preferred: weight 100 for ssd beats the emptier hdd nodes that resource scoring would pick.
        const preferred = Array.from({ length: 4 }, (_, i) =>
          podManifest(`prefers-ssd-${i}`, {
            cpu: '500m',
            labels: { app: 'prefers-ssd' },
            spec: {
              affinity: {
                nodeAffinity: {
                  ...required().affinity.nodeAffinity,
                  preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } }],
                },
              },
            },
          }),
        );
        await createAll(x, preferred);
        await waitRunning(x, preferred.map((p) => (p['metadata'] as { name: string }).name));
        assert.deepEqual(countByNode(await pods(x, 'app=prefers-ssd')), { [ssd!]: 4 });
      });
    }, { timeoutMs: 240_000 });

    s.e2e('taints and tolerations: NoSchedule keeps pods off unless tolerated; PreferNoSchedule is avoided', async (x) => {
      await withSims(x, async (sims) => {
        const [hard] = await sims.start({ prefix: `${x.ns}-hard-`, labels: { [POOL]: x.ns, role: 'hard' }, taints: ['e2e.k8ts.io/dedicated=infra:NoSchedule'] });
        const [soft] = await sims.start({ prefix: `${x.ns}-soft-`, labels: { [POOL]: x.ns, role: 'soft' }, taints: ['e2e.k8ts.io/spot:PreferNoSchedule'] });
        const [clean] = await sims.start({ prefix: `${x.ns}-clean-`, labels: { [POOL]: x.ns, role: 'clean' } });
        await waitForNodeSet(x, [...UP_NODES, hard!, soft!, clean!]);
        const taints = await x.json(['node', hard!]);
        assert.deepEqual(taints.spec.taints, [{ key: 'e2e.k8ts.io/dedicated', value: 'infra', effect: 'NoSchedule' }]);

        const onHard = { nodeSelector: { [POOL]: x.ns, role: 'hard' } };
        await createAll(x, [
          podManifest('intolerant', { cpu: '100m', spec: onHard }),
          podManifest('tolerant', {
            cpu: '100m',
            spec: { ...onHard, tolerations: [{ key: 'e2e.k8ts.io/dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }] },
          }),
        ]);
        assert.deepEqual(await waitRunning(x, ['tolerant']), { tolerant: hard });
        await expectUnschedulable(
          x,
          'intolerant',
          "0/5 nodes are available: 1 node(s) had untolerated taint {e2e.k8ts.io/dedicated: infra}, 4 node(s) didn't match Pod's node affinity/selector. " +
            'preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.',
        );

        // PreferNoSchedule: pods of the pool that tolerate nothing avoid the soft node while the clean one fits.
        const spread = Array.from({ length: 4 }, (_, i) => podManifest(`anywhere-${i}`, { cpu: '100m', labels: { app: 'anywhere' }, spec: poolSelector(x) }));
        await createAll(x, spread);
        await waitRunning(x, spread.map((p) => (p['metadata'] as { name: string }).name));
        assert.deepEqual(countByNode(await pods(x, 'app=anywhere')), { [clean!]: 4 });

        // Removing the taint (a node update the TaintToleration plugin listens for) schedules the waiting pod.
        await x.ok(['taint', 'node', hard!, 'e2e.k8ts.io/dedicated=infra:NoSchedule-']);
        assert.deepEqual(await waitRunning(x, ['intolerant']), { intolerant: hard });
      });
    }, { timeoutMs: 240_000 });

    s.e2e('required pod anti-affinity on hostname spreads a Deployment one pod per node; the extra replica waits for a node', async (x) => {
      await withSims(x, async (sims) => {
        const nodes = await sims.start({ prefix: `${x.ns}-aa-`, nodes: 3, labels: { [POOL]: x.ns } });
        await waitForNodeSet(x, [...UP_NODES, ...nodes]);
        const antiAffinity = {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }],
          },
        };
        await createAll(x, [deployment('web', 4, { ...poolSelector(x), affinity: antiAffinity })]);

        const placed = await poll('3 web pods Running and 1 Pending', async () => {
          const all = await pods(x, 'app=web');
          const running = all.filter((p) => p.status.phase === 'Running');
          const pending = all.filter((p) => !p.spec.nodeName);
          return all.length === 4 && running.length === 3 && pending.length === 1 ? { running, pending: pending[0]! } : undefined;
        }, 60_000);
        assert.deepEqual(placed.running.map((p) => p.spec.nodeName).sort(), [...nodes].sort(), 'one web pod per sim node');
        await expectUnschedulable(
          x,
          placed.pending.metadata.name,
          "0/5 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, 3 node(s) didn't match pod anti-affinity rules. " +
            'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
        );
        assert.equal(placed.pending.status.phase, 'Pending');

        // A fourth node of the pool: the waiting replica goes there, still one per node.
        const [extra] = await sims.start({ prefix: `${x.ns}-aa-extra-`, labels: { [POOL]: x.ns } });
        assert.deepEqual(await waitRunning(x, [placed.pending.metadata.name]), { [placed.pending.metadata.name]: extra });
        const final = await pods(x, 'app=web');
        assert.deepEqual(Object.values(countByNode(final)), [1, 1, 1, 1]);
        await x.ok(['rollout', 'status', 'deployment/web', '--timeout=60s'], { timeoutMs: 90_000 });
      });
    }, { timeoutMs: 240_000 });

    s.e2e('topology spread across zones: maxSkew 1 DoNotSchedule balances the zones, then holds a replica back', async (x) => {
      await withSims(x, async (sims) => {
        const zone = 'topology.kubernetes.io/zone';
        // Zone a: one node that holds at most 4 pods; zone b: three roomy nodes.
        const a = await sims.start({ prefix: `${x.ns}-za-`, labels: { [POOL]: x.ns, [zone]: 'a' }, capacity: { pods: '4' } });
        const b = await sims.start({ prefix: `${x.ns}-zb-`, nodes: 3, labels: { [POOL]: x.ns, [zone]: 'b' } });
        await waitForNodeSet(x, [...UP_NODES, ...a, ...b]);
        const zoneOf = (node: string) => (a.includes(node) ? 'a' : b.includes(node) ? 'b' : `not a test node: ${node}`);
        const perZone = async () => {
          const counts: Record<string, number> = {};
          for (const p of await pods(x, 'app=spread')) if (p.spec.nodeName) counts[zoneOf(p.spec.nodeName)] = (counts[zoneOf(p.spec.nodeName)] ?? 0) + 1;
          return counts;
        };
        const spec = {
          ...poolSelector(x),
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zone, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }],
        };
        await createAll(x, [deployment('spread', 6, spec)]);
        await x.ok(['rollout', 'status', 'deployment/spread', '--timeout=90s'], { timeoutMs: 120_000 });
        // Without the constraint, resource scoring would put most of them on zone b's three nodes.
        assert.deepEqual(await perZone(), { a: 3, b: 3 });

        // 10 replicas: zone a is full at 4, so zone b may hold 5 (skew 1); the tenth waits.
        await x.ok(['scale', 'deployment/spread', '--replicas=10']);
        const pending = await poll('9 spread pods Running and 1 Pending', async () => {
          const all = await pods(x, 'app=spread');
          const running = all.filter((p) => p.status.phase === 'Running' && p.spec.nodeName);
          const waiting = all.filter((p) => !p.spec.nodeName);
          return all.length === 10 && running.length === 9 && waiting.length === 1 ? waiting[0]! : undefined;
        }, 60_000);
        assert.deepEqual(await perZone(), { a: 4, b: 5 });
        await expectUnschedulable(
          x,
          pending.metadata.name,
          "0/6 nodes are available: 1 Too many pods, 2 node(s) didn't match Pod's node affinity/selector, 3 node(s) didn't match pod topology spread constraints. " +
            'preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.',
        );
      });
    }, { timeoutMs: 240_000 });

    s.e2e(
      'the API stays available when two sims stop at once (their node and pod watches end together)',
      async (x) => {
        const sims = new SimNodes(x);
        try {
          await sims.start({ prefix: `${x.ns}-w1-` });
          await sims.start({ prefix: `${x.ns}-w2-` });
        } finally {
          // Stops both processes at once (their watches end together), then deletes the nodes.
          const stopped = sims.stopAll();
          // Right after the stops, before the helper's retries: the API must answer at once.
          await new Promise((r) => setTimeout(r, 300));
          const r = await x.k(['get', 'nodes', '-o', 'name']);
          await stopped;
          assert.equal(r.code, 0, describeResult(r));
        }
      },
    );
  },
  ['--hollow-nodes', '2'],
);
