/**
 * Preemption by the scheduler of `k8ts up --hollow-nodes 2` (DefaultPreemption), through the real kubectl, on a
 * `k8ts sim` node of the test's own (cpu 2, labelled pool=<namespace>): PriorityClasses low and high
 * (scheduling.k8s.io/v1), the node filled by two low-priority pods, and a high-priority pod that needs one of
 * them gone. A `kubectl get pods -w` running through the test records every state the pods pass through, so the
 * order of what happens (DisruptionTarget condition, graceful deletion, nomination, binding) is asserted without
 * depending on when a poll happens to look.
 */
import assert from 'node:assert/strict';
import { createAll, expectUnschedulable, failedSchedulingMessages, podManifest, waitRunning } from './support/scheduling.js';
import { SimNodes, waitForNodeSet } from './support/sim.js';
import { describeBackends, describeResult, poll, type E2E } from './support/suite.js';

const UP_NODES = ['hollow-node-0', 'hollow-node-1'];
const POOL = 'e2e.k8ts.io/pool';
const LOW = 100;
const HIGH = 1000;

/** One line per watch event: the fields below, '|'-separated (kubectl prints missing ones as empty). */
const WATCH_FIELDS = [
  '.type',
  '.object.metadata.name',
  '.object.spec.nodeName',
  '.object.status.nominatedNodeName',
  '.object.metadata.deletionTimestamp',
  '.object.metadata.deletionGracePeriodSeconds',
  '.object.status.conditions[?(@.type=="DisruptionTarget")].status',
  '.object.status.conditions[?(@.type=="DisruptionTarget")].reason',
  '.object.status.conditions[?(@.type=="DisruptionTarget")].message',
  '.object.status.phase',
] as const;

interface Seen {
  type: string;
  name: string;
  nodeName: string;
  nominatedNodeName: string;
  deletionTimestamp: string;
  deletionGracePeriodSeconds: string;
  disruptionStatus: string;
  disruptionReason: string;
  disruptionMessage: string;
  phase: string;
}

function parseWatch(out: string): Seen[] {
  return out
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((l) => {
      const [type, name, nodeName, nominatedNodeName, deletionTimestamp, deletionGracePeriodSeconds, disruptionStatus, disruptionReason, disruptionMessage, phase] =
        l.split('|');
      return { type: type!, name: name!, nodeName: nodeName!, nominatedNodeName: nominatedNodeName!, deletionTimestamp: deletionTimestamp!, deletionGracePeriodSeconds: deletionGracePeriodSeconds!, disruptionStatus: disruptionStatus!, disruptionReason: disruptionReason!, disruptionMessage: disruptionMessage!, phase: phase! };
    });
}

function priorityClass(name: string, value: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description: `e2e ${name}`, ...extra };
}

/** Runs `body` with PriorityClasses `<ns>-low` and `<ns>-high` and one sim node of cpu 2; cleans all up. */
async function withPreemptionBed(x: E2E, body: (node: string, classes: { low: string; high: string }) => Promise<void>): Promise<void> {
  const classes = { low: `${x.ns}-low`, high: `${x.ns}-high` };
  const sims = new SimNodes(x);
  try {
    await createAll(x, [priorityClass(classes.low, LOW), priorityClass(classes.high, HIGH)]);
    const [node] = await sims.start({ prefix: `${x.ns}-p-`, labels: { [POOL]: x.ns }, capacity: { cpu: '2' } });
    await waitForNodeSet(x, [...UP_NODES, node!]);
    await body(node!, classes);
  } finally {
    await sims.stopAll();
    await x.k(['delete', 'priorityclass', classes.low, classes.high, '--ignore-not-found']);
  }
}

/** A pod of the pool asking for 1 cpu with a priority class (the Priority admission plugin sets spec.priority). */
function prioritized(x: E2E, name: string, className: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return podManifest(name, { cpu: '1', spec: { nodeSelector: { [POOL]: x.ns }, priorityClassName: className, ...extra } });
}

describeBackends(
  'scheduler preemption',
  (s) => {
    s.e2e('a high-priority pod preempts one low-priority pod: DisruptionTarget, graceful deletion, nominatedNodeName, then it runs there', async (x) => {
      await withPreemptionBed(x, async (node, classes) => {
        await createAll(x, [prioritized(x, 'low-0', classes.low), prioritized(x, 'low-1', classes.low)]);
        assert.deepEqual(await waitRunning(x, ['low-0', 'low-1']), { 'low-0': node, 'low-1': node });

        const jsonpath = `jsonpath=${WATCH_FIELDS.map((f) => `{${f}}`).join('{"|"}')}{"\\n"}`;
        const watch = x.bg(['get', 'pods', '--watch', '--output-watch-events', '-o', jsonpath], { timeoutMs: 200_000 });
        try {
          // The watch is established once it listed the two running pods.
          await poll('the pod watch to list low-0 and low-1', async () => new Set(parseWatch(watch.stdout).map((e) => e.name)).size === 2, 30_000);

          await createAll(x, [prioritized(x, 'high', classes.high)]);
          assert.deepEqual(await waitRunning(x, ['high'], 120_000), { high: node });
          const victim = await poll('one low pod deleted', async () => {
            const deleted = parseWatch(watch.stdout).filter((e) => e.type === 'DELETED').map((e) => e.name);
            return deleted.length > 0 ? deleted : undefined;
          }, 60_000);
          assert.equal(victim.length, 1, `exactly one victim (the fewest that make room), got ${victim.join(', ')}`);
          const victimName = victim[0]!;
          const survivor = victimName === 'low-0' ? 'low-1' : 'low-0';
          assert.ok(['low-0', 'low-1'].includes(victimName), victimName);

          const seen = parseWatch(watch.stdout);
          const history = seen.map((e) => `${e.type} ${e.name} node=${e.nodeName} nominated=${e.nominatedNodeName} deleting=${e.deletionTimestamp}/${e.deletionGracePeriodSeconds} disruption=${e.disruptionStatus}/${e.disruptionReason} ${e.phase}`).join('\n');
          const of = (name: string) => seen.filter((e) => e.name === name);

          // The victim: DisruptionTarget=True (PreemptionByScheduler) first, then a graceful delete (the pod's 30 s
          // grace period, no override), then gone.
          const v = of(victimName);
          const marked = v.findIndex((e) => e.disruptionStatus === 'True');
          const deleting = v.findIndex((e) => e.deletionTimestamp !== '');
          assert.ok(marked >= 0, `the victim never had DisruptionTarget=True:\n${history}`);
          assert.deepEqual([v[marked]!.disruptionReason, v[marked]!.disruptionMessage], ['PreemptionByScheduler', 'default-scheduler: preempting to accommodate a higher priority pod']);
          assert.ok(deleting >= 0, `the victim never had a deletionTimestamp:\n${history}`);
          assert.ok(marked <= deleting, `DisruptionTarget must come before the deletion:\n${history}`);
          assert.equal(v[deleting]!.deletionGracePeriodSeconds, '30', `graceful deletion with the pod's grace period:\n${history}`);
          assert.equal(v.at(-1)!.type, 'DELETED');
          const gone = await x.kn(['get', 'pod', victimName]);
          assert.notEqual(gone.code, 0, describeResult(gone));
          assert.match(gone.stderr, /NotFound/);

          // The preemptor: nominated to the node while still unbound, then bound there.
          const h = of('high');
          const nominated = h.findIndex((e) => e.nominatedNodeName === node && e.nodeName === '');
          const bound = h.findIndex((e) => e.nodeName === node);
          assert.ok(nominated >= 0, `high was never seen nominated to ${node} before binding:\n${history}`);
          assert.ok(nominated < bound, `nomination before binding:\n${history}`);

          // The survivor ran on, untouched.
          assert.ok(of(survivor).every((e) => e.type !== 'DELETED' && e.deletionTimestamp === '' && e.disruptionStatus === ''), `${survivor} was touched:\n${history}`);
          assert.deepEqual(await waitRunning(x, [survivor]), { [survivor]: node });

          // Events: FailedScheduling without a "preemption:" part (preemption succeeded), Preempted on the victim,
          // Scheduled on the preemptor.
          const highUid = (await x.json(['pod', 'high'])).metadata.uid as string;
          const failed = await failedSchedulingMessages(x, 'high');
          assert.ok(failed.includes("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."), failed.join('\n'));
          const preempted = await poll(`a Preempted event on ${victimName}`, async () => {
            const ev = await x.json(['events', '--field-selector', `reason=Preempted,involvedObject.name=${victimName}`]);
            return ev.items[0] as { type: string; message: string; involvedObject: { kind: string } } | undefined;
          }, 30_000);
          assert.deepEqual([preempted.type, preempted.involvedObject.kind, preempted.message], ['Normal', 'Pod', `Preempted by pod ${highUid} on node ${node}`]);
          const scheduled = await x.json(['events', '--field-selector', 'reason=Scheduled,involvedObject.name=high']);
          assert.equal(scheduled.items[0]?.message, `Successfully assigned ${x.ns}/high to ${node}`);
        } finally {
          watch.kill();
          await watch.done;
        }
      });
    }, { timeoutMs: 300_000 });

    s.e2e('no preemption for an equal priority or preemptionPolicy Never: the pod waits with the upstream reason', async (x) => {
      await withPreemptionBed(x, async (node, classes) => {
        await createAll(x, [priorityClass(`${x.ns}-never`, HIGH, { preemptionPolicy: 'Never' })]);
        try {
          await createAll(x, [prioritized(x, 'low-0', classes.low), prioritized(x, 'low-1', classes.low)]);
          assert.deepEqual(await waitRunning(x, ['low-0', 'low-1']), { 'low-0': node, 'low-1': node });
          await createAll(x, [
            prioritized(x, 'peer', classes.low),
            prioritized(x, 'polite', `${x.ns}-never`, { preemptionPolicy: 'Never' }),
          ]);
          const fits = "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.";
          await expectUnschedulable(x, 'peer', `${fits} preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.`);
          await expectUnschedulable(x, 'polite', `${fits} preemption: not eligible due to preemptionPolicy=Never.`);
          // Neither took anything: both low pods still run and none is being deleted.
          const low = (await x.json(['pods', 'low-0', 'low-1'])).items as { metadata: { deletionTimestamp?: string }; status: { phase: string } }[];
          assert.deepEqual(low.map((p) => [p.status.phase, p.metadata.deletionTimestamp]), [['Running', undefined], ['Running', undefined]]);
        } finally {
          await x.k(['delete', 'priorityclass', `${x.ns}-never`, '--ignore-not-found']);
        }
      });
    }, { timeoutMs: 240_000 });

    s.e2e(
      'priorityClassName alone sets spec.priority and preemptionPolicy from the PriorityClass (upstream Priority admission)',
      async (x) => {
        const name = `${x.ns}-only-name`;
        try {
          await createAll(x, [priorityClass(name, 4242, { preemptionPolicy: 'Never' })]);
          await createAll(x, [podManifest('named', { spec: { priorityClassName: name } })]);
          const pod = await x.json(['pod', 'named']);
          assert.deepEqual([pod.spec.priority, pod.spec.preemptionPolicy], [4242, 'Never']);
          const missing = await x.kn(['create', '-f', '-'], { stdin: JSON.stringify(podManifest('unknown-class', { spec: { priorityClassName: `${x.ns}-nope` } })) });
          assert.notEqual(missing.code, 0, describeResult(missing));
          assert.match(missing.stderr, new RegExp(`no PriorityClass with name ${x.ns}-nope was found`));
        } finally {
          await x.k(['delete', 'priorityclass', name, '--ignore-not-found']);
        }
      },
    );
  },
  ['--hollow-nodes', '2'],
);
