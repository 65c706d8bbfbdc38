import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { FakeCluster } from '../client/fake/cluster.js';
import type { KubeObject } from '../client/interface.js';
import { FakeClient } from '../client/fake/client.js';
import { LEASES, PODS } from '../client/resources.js';
import { newInternalError } from '../machinery/errors/status.js';
import { nopLogger } from '../machinery/log/logger.js';
import { setDefaults } from './config/defaults.js';
import type {
  BindPlugin,
  ClusterEvent,
  FilterPlugin,
  Handle,
  PermitPlugin,
  PostFilterPlugin,
  QueuedPodInfo,
  Registry,
  ReservePlugin,
  ScorePlugin,
} from './framework/interface.js';
import { Status } from './framework/status.js';
import { PodInfo, type P } from './framework/types.js';
import type { SchedulingQueue } from './queue/interface.js';
import { Scheduler } from './scheduler.js';
import { runScheduler } from './index.js';
import { makeNode, makePod } from './testing/wrappers.js';

/** A stand-in for the real queue (src/scheduler/queue): FIFO activeQ, an unschedulable map, and a record of calls. */
class StandInQueue implements SchedulingQueue {
  readonly active: QueuedPodInfo[] = [];
  readonly unschedulable = new Map<string, QueuedPodInfo>();
  readonly doneUids: string[] = [];
  readonly moves: string[] = [];
  readonly nominated = new Map<string, string>();
  private cycle = 0;
  private closed = false;
  private waiter: (() => void) | undefined;

  private qpi(pod: P): QueuedPodInfo {
    return { podInfo: new PodInfo(pod), timestamp: 0, attempts: 0, unschedulablePlugins: new Set(), pendingPlugins: new Set(), gated: false };
  }

  add(pod: P): void {
    this.active.push(this.qpi(pod));
    this.waiter?.();
  }

  update(_old: P, cur: P): void {
    const uid = cur.metadata?.uid ?? '';
    const q = this.active.find((x) => x.podInfo.pod.metadata?.uid === uid) ?? this.unschedulable.get(uid);
    if (q) q.podInfo = new PodInfo(cur);
  }

  delete(pod: P): void {
    const i = this.active.findIndex((q) => q.podInfo.pod.metadata?.uid === pod.metadata?.uid);
    if (i >= 0) this.active.splice(i, 1);
    this.unschedulable.delete(pod.metadata?.uid ?? '');
  }

  addUnschedulableIfNotPresent(q: QueuedPodInfo): void {
    this.unschedulable.set(q.podInfo.pod.metadata?.uid ?? '', q);
  }

  async pop(): Promise<QueuedPodInfo | undefined> {
    while (this.active.length === 0 && !this.closed) await new Promise<void>((r) => (this.waiter = r));
    const q = this.active.shift();
    if (!q) return undefined;
    q.attempts++;
    this.cycle++;
    return q;
  }

  schedulingCycle(): number {
    return this.cycle;
  }

  moveAllToActiveOrBackoffQueue(event: ClusterEvent): void {
    this.moves.push(event.label ?? '');
  }

  /** What a real queue does on a move: retry the unschedulable pods. */
  retryUnschedulable(): void {
    for (const q of this.unschedulable.values()) this.active.push(q);
    this.unschedulable.clear();
  }

  assignedPodAdded(): void {}
  assignedPodUpdated(): void {}

  done(uid: string): void {
    this.doneUids.push(uid);
  }

  addNominatedPod(pi: PodInfo, nodeName: string): void {
    this.nominated.set(pi.pod.metadata?.name ?? '', nodeName);
  }

  deleteNominatedPodIfExists(pod: P): void {
    this.nominated.delete(pod.metadata?.name ?? '');
  }

  nominatedPodsForNode(): readonly PodInfo[] {
    return [];
  }

  counts() {
    return { active: this.active.length, backoff: 0, unschedulable: this.unschedulable.size, gated: 0 };
  }

  pendingPods(): P[] {
    return this.active.map((q) => q.podInfo.pod);
  }

  close(): void {
    this.closed = true;
    this.waiter?.();
  }
}

/** Fits when the node has the label `fits=yes`. */
const labelFit: FilterPlugin = {
  name: 'LabelFit',
  filter: (_s, _p, n) => (n.node?.metadata?.labels?.fits === 'yes' ? Status.success() : Status.unschedulable('node(s) lack fits=yes')),
};
const cpuFit: FilterPlugin = {
  name: 'CpuFit',
  filter: (_s, p, n) => (n.node?.metadata?.labels?.small === 'true' && p.metadata?.labels?.big ? Status.unschedulable('Insufficient cpu') : Status.success()),
};
/** Prefers nodes by the number in their `score` label. */
const labelScore: ScorePlugin = {
  name: 'LabelScore',
  score: (_s, _p, n) => ({ score: Number(n.node?.metadata?.labels?.score ?? 0), status: Status.success() }),
};

/** Binds through pods/binding, as DefaultBinder; `gate` (when set) holds every bind until released. */
function apiBinder(handleOf: () => Handle, gate?: { wait: () => Promise<void> }): BindPlugin {
  return {
    name: 'ApiBinder',
    bind: async (_s, pod, nodeName) => {
      await gate?.wait();
      try {
        await handleOf().client.createSubresource(PODS, pod.metadata!.namespace!, pod.metadata!.name!, 'binding', {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, uid: pod.metadata!.uid! },
          target: { kind: 'Node', name: nodeName },
        } as KubeObject);
        return Status.success();
      } catch (e) {
        return Status.error(e);
      }
    },
  };
}

interface Env {
  c: FakeCluster;
  queue: StandInQueue;
  s: Scheduler;
  reserveCalls: string[];
}

function env(opts: { extra?: Registry; names?: string[]; gate?: { wait: () => Promise<void> }; maxConcurrentBindings?: number; objects?: KubeObject[] } = {}): Env {
  const c = new FakeCluster();
  if (opts.objects) c.seed(...opts.objects);
  const queue = new StandInQueue();
  let handle: Handle | undefined;
  const reserveCalls: string[] = [];
  const reserve: ReservePlugin = {
    name: 'Track',
    reserve: (_s, p, n) => (reserveCalls.push(`reserve ${p.metadata!.name} ${n}`), Status.success()),
    unreserve: (_s, p, n) => void reserveCalls.push(`unreserve ${p.metadata!.name} ${n}`),
  };
  const registry: Registry = {
    Sort: () => ({ name: 'Sort', less: () => false }),
    LabelFit: () => labelFit,
    CpuFit: () => cpuFit,
    LabelScore: () => labelScore,
    Track: () => reserve,
    ApiBinder: (_a, h) => ((handle = h), apiBinder(() => handle!, opts.gate)),
    ...opts.extra,
  };
  const names = ['Sort', 'LabelFit', 'CpuFit', 'LabelScore', 'Track', ...(opts.names ?? []), 'ApiBinder'];
  const config = setDefaults({
    profiles: [{ plugins: { multiPoint: { enabled: names.map((name) => ({ name })), disabled: [{ name: '*' }] } } }],
  });
  const s = new Scheduler({
    client: c.client,
    informers: c.factory,
    config,
    registry,
    newQueue: () => queue,
    clock: c.clock,
    logger: nopLogger,
    recorderFor: () => c.recorder,
    random: () => 0,
    ...(opts.maxConcurrentBindings ? { maxConcurrentBindings: opts.maxConcurrentBindings } : {}),
  });
  return { c, queue, s, reserveCalls };
}

const stored = (c: FakeCluster, name: string): Pod => c.stored<Pod & KubeObject>(PODS, 'default').find((p) => p.metadata?.name === name)!;
const events = (c: FakeCluster, reason?: string): string[] => c.events.filter((e) => !reason || e.reason === reason).map((e) => `${e.type} ${e.reason} ${e.message}`);

async function scheduleAll(e: Env): Promise<void> {
  while (e.queue.active.length > 0) await e.s.scheduleNext();
  await e.s.drain();
  e.c.syncCaches();
}

test('a pod is bound through pods/binding to the best node, with the Scheduled event', async () => {
  const e = env({
    objects: [
      makeNode('n1').label('fits', 'yes').label('score', '10').obj(),
      makeNode('n2').label('fits', 'yes').label('score', '90').obj(),
      makeNode('n3').label('score', '100').obj(),
      makePod('web').obj(),
    ] as KubeObject[],
  });
  await scheduleAll(e);
  assert.equal(stored(e.c, 'web').spec?.nodeName, 'n2');
  assert.deepEqual(e.c.writes().filter((w) => w.includes('binding')), ['create pods/binding web']);
  assert.deepEqual(events(e.c), ['Normal Scheduled Successfully assigned default/web to n2']);
  assert.deepEqual(e.queue.doneUids, ['uid-default-web']);
  assert.equal(e.s.cache.isAssumedPod(stored(e.c, 'web')), false, 'confirmed by the informer');
  assert.equal(e.s.cache.nodeInfo('n2')!.pods.length, 1);
});

test('no fit: FailedScheduling with the upstream message, PodScheduled=False, requeued with the rejecting plugins', async () => {
  const e = env({
    objects: [
      makeNode('n1').label('small', 'true').label('fits', 'yes').obj(),
      makeNode('n2').obj(),
      makeNode('n3').obj(),
      makePod('big').label('big', 'yes').obj(),
    ] as KubeObject[],
  });
  await scheduleAll(e);
  const msg = '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) lack fits=yes.';
  assert.deepEqual(events(e.c), [`Warning FailedScheduling ${msg}`]);
  const patch = e.c.client.actionsOf('patch', 'pods')[0]!;
  assert.equal(patch.subresource, 'status');
  assert.equal(patch.patchType, 'strategic');
  const cond = (patch.patch as { status: { conditions: Record<string, unknown>[] } }).status.conditions[0]!;
  assert.deepEqual([cond.type, cond.status, cond.reason, cond.message], ['PodScheduled', 'False', 'Unschedulable', msg]);
  const requeued = e.queue.unschedulable.get('uid-default-big')!;
  assert.deepEqual([...requeued.unschedulablePlugins].sort(), ['CpuFit', 'LabelFit']);
  assert.equal(stored(e.c, 'big').spec?.nodeName, undefined);

  const d = e.s.diagnoses.verdicts('default', 'big')!;
  assert.deepEqual(d.map((v) => [v.node, v.plugin, v.reasons.join()]), [
    ['n1', 'CpuFit', 'Insufficient cpu'],
    ['n2', 'LabelFit', 'node(s) lack fits=yes'],
    ['n3', 'LabelFit', 'node(s) lack fits=yes'],
  ]);

  // The same verdict again does not patch again; a node that fits schedules the pod and drops the diagnosis.
  e.queue.retryUnschedulable();
  await scheduleAll(e);
  assert.equal(e.c.client.actionsOf('patch', 'pods').length, 1);
  e.c.seed(makeNode('n4').label('fits', 'yes').obj() as KubeObject);
  e.queue.retryUnschedulable();
  await scheduleAll(e);
  assert.equal(stored(e.c, 'big').spec?.nodeName, 'n4');
  assert.equal(e.s.diagnoses.get('default', 'big'), undefined);
});

test('PostFilter nominates a node: the message has its text and nominatedNodeName is set', async () => {
  const preempt: PostFilterPlugin = {
    name: 'Preempt',
    postFilter: async () => ({ result: { nominatedNodeName: 'n1' }, status: Status.unschedulable('preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.') }),
  };
  const e = env({
    extra: { Preempt: () => preempt },
    names: ['Preempt'],
    objects: [makeNode('n1').obj(), makePod('p').obj()] as KubeObject[],
  });
  await scheduleAll(e);
  const msg = '0/1 nodes are available: 1 node(s) lack fits=yes. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
  assert.deepEqual(events(e.c), [`Warning FailedScheduling ${msg}`]);
  const status = (e.c.client.actionsOf('patch', 'pods')[0]!.patch as { status: Record<string, unknown> }).status;
  assert.equal(status.nominatedNodeName, 'n1');
  assert.equal(stored(e.c, 'p').status?.nominatedNodeName, 'n1');
  assert.equal(e.queue.nominated.get('p'), 'n1');
});

test('a failed binding unreserves, forgets, requeues and reports SchedulerError', async () => {
  const e = env({ objects: [makeNode('n1').label('fits', 'yes').obj(), makePod('p').obj()] as KubeObject[] });
  e.c.client.prependReactor('create', 'pods/binding', () => {
    throw newInternalError(new Error('etcd unavailable'));
  });
  await scheduleAll(e);
  assert.deepEqual(e.reserveCalls, ['reserve p n1', 'unreserve p n1']);
  assert.equal(e.s.cache.podCount(), 0, 'forgotten');
  assert.ok(e.queue.unschedulable.has('uid-default-p'));
  assert.ok(e.queue.moves.includes('AssignedPodDelete'));
  const [event] = events(e.c, 'FailedScheduling');
  assert.match(event!, /running Bind plugin "ApiBinder": .*etcd unavailable/);
  const cond = (e.c.client.actionsOf('patch', 'pods')[0]!.patch as { status: { conditions: Record<string, unknown>[] } }).status.conditions[0]!;
  assert.equal(cond.reason, 'SchedulerError');
});

test('bindings run concurrently while the next pods are scheduled, bounded by maxConcurrentBindings', async () => {
  let release!: () => void;
  const opened = new Promise<void>((r) => (release = r));
  let waiting = 0;
  const gate = { wait: async () => (waiting++, await opened) };
  const pods = ['a', 'b', 'c'].map((n) => makePod(n).obj());
  const e = env({ gate, maxConcurrentBindings: 2, objects: [makeNode('n1').label('fits', 'yes').obj(), ...pods] as KubeObject[] });
  await e.s.scheduleNext();
  await e.s.scheduleNext();
  await new Promise((r) => setImmediate(r));
  assert.equal(waiting, 2, 'two bindings in flight at once');
  let third = false;
  const next = e.s.scheduleNext().then(() => (third = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(third, false, 'the loop waits for a binding slot');
  assert.equal(waiting, 2, 'the third pod is not scheduled yet');
  release();
  await next;
  await e.s.drain();
  e.c.syncCaches();
  assert.deepEqual(['a', 'b', 'c'].map((n) => stored(e.c, n).spec?.nodeName), ['n1', 'n1', 'n1']);
});

test('a pod waiting at Permit binds once allowed, without holding a binding slot', async () => {
  let handle!: Handle;
  const permit: PermitPlugin = { name: 'Hold', permit: () => ({ status: Status.wait(), timeoutMs: 60_000 }) };
  const e = env({
    extra: { Hold: (_a, h) => ((handle = h), permit) },
    names: ['Hold'],
    maxConcurrentBindings: 1,
    objects: [makeNode('n1').label('fits', 'yes').obj(), makePod('a').obj(), makePod('b').obj()] as KubeObject[],
  });
  await e.s.scheduleNext();
  await e.s.scheduleNext(); // would block if the waiting pod held the only slot
  assert.ok(handle.getWaitingPod('uid-default-a'));
  handle.getWaitingPod('uid-default-a')!.allow('Hold');
  handle.getWaitingPod('uid-default-b')!.allow('Hold');
  await e.s.drain();
  e.c.syncCaches();
  assert.equal(stored(e.c, 'a').spec?.nodeName, 'n1');
  assert.equal(stored(e.c, 'b').spec?.nodeName, 'n1');
});

test('a Permit rejection reads as a one-node FitError and the pod is requeued', async () => {
  let handle!: Handle;
  const permit: PermitPlugin = { name: 'Hold', permit: () => ({ status: Status.wait(), timeoutMs: 60_000 }) };
  const e = env({
    extra: { Hold: (_a, h) => ((handle = h), permit) },
    names: ['Hold'],
    objects: [makeNode('n1').label('fits', 'yes').obj(), makePod('a').obj()] as KubeObject[],
  });
  await e.s.scheduleNext();
  handle.getWaitingPod('uid-default-a')!.reject('Hold', 'gang incomplete');
  await e.s.drain();
  assert.deepEqual(events(e.c), ['Warning FailedScheduling 0/1 nodes are available: 1 gang incomplete.']);
  assert.deepEqual([...e.queue.unschedulable.get('uid-default-a')!.unschedulablePlugins], ['Hold']);
  assert.equal(e.s.cache.podCount(), 0);
});

test('no nodes at all: "no nodes available to schedule pods"', async () => {
  const e = env({ objects: [makePod('p').obj()] as KubeObject[] });
  await scheduleAll(e);
  assert.deepEqual(events(e.c), ['Warning FailedScheduling no nodes available to schedule pods']);
});

test('pods of other schedulers are ignored; a terminating pod is skipped with an event', async () => {
  const e = env({
    objects: [
      makeNode('n1').label('fits', 'yes').obj(),
      makePod('other').schedulerName('my-scheduler').obj(),
      makePod('dying').terminating().obj(),
    ] as KubeObject[],
  });
  assert.deepEqual(e.queue.active.map((q) => q.podInfo.pod.metadata!.name), ['dying']);
  await scheduleAll(e);
  assert.deepEqual(events(e.c), ['Warning FailedScheduling skip schedule deleting pod: default/dying']);
  assert.equal(stored(e.c, 'dying').spec?.nodeName, undefined);
});

test('node and assigned-pod events reach the queue as cluster events', async () => {
  const e = env({ objects: [makeNode('n1').obj(), makePod('x').node('n1').obj()] as KubeObject[] });
  assert.ok(e.queue.moves.includes('NodeAdd'));
  e.c.mutate(
    { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false },
    '',
    'n1',
    (n) => void ((n.metadata!.labels as Record<string, string>).fits = 'yes'),
  );
  assert.ok(e.queue.moves.includes('NodeLabelChange'));
  await e.c.client.delete(PODS, 'default', 'x');
  e.c.syncCaches();
  assert.ok(e.queue.moves.includes('AssignedPodDelete'));
  assert.equal(e.s.cache.podCount(), 0);
});

test('run() schedules until aborted, then drains', async () => {
  const e = env({ objects: [makeNode('n1').label('fits', 'yes').obj(), makePod('a').obj()] as KubeObject[] });
  const ac = new AbortController();
  const running = e.s.run(ac.signal);
  for (let i = 0; i < 100 && !e.c.client.actionsOf('create', 'pods').length; i++) await new Promise((r) => setImmediate(r));
  ac.abort();
  await running;
  e.c.syncCaches();
  assert.equal(stored(e.c, 'a').spec?.nodeName, 'n1');
});

test('runScheduler: real informers over the client, leader election on kube-system/kube-scheduler', async () => {
  const client = new FakeClient({ objects: [makeNode('n1').label('fits', 'yes').obj(), makePod('web').obj()] as KubeObject[] });
  let handle: Handle | undefined;
  const registry: Registry = {
    Sort: () => ({ name: 'Sort', less: () => false }),
    LabelFit: () => labelFit,
    ApiBinder: (_a, h) => ((handle = h), apiBinder(() => handle!)),
  };
  const config = setDefaults({
    profiles: [{ plugins: { multiPoint: { enabled: [{ name: 'Sort' }, { name: 'LabelFit' }, { name: 'ApiBinder' }], disabled: [{ name: '*' }] } } }],
  });
  const ac = new AbortController();
  let started: Scheduler | undefined;
  const running = runScheduler(
    { client, logger: nopLogger, registry, config, newQueue: () => new StandInQueue(), identity: 'me', onStarted: (s) => (started = s) },
    ac.signal,
  );
  const bound = (): boolean => !!(client.tracker.get(PODS, 'default', 'web') as Pod).spec?.nodeName;
  for (const deadline = Date.now() + 5000; !bound() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
  assert.ok(bound(), 'the pod was bound');
  assert.ok(started);
  const lease = client.tracker.get(LEASES, 'kube-system', 'kube-scheduler') as { spec?: { holderIdentity?: string } };
  assert.equal(lease.spec?.holderIdentity, 'me');
  ac.abort();
  await running;
});

test('runScheduler: a profile naming a plugin the registry lacks fails the start, before any election', async () => {
  const client = new FakeClient();
  const config = setDefaults({});
  await assert.rejects(
    runScheduler({ client, logger: nopLogger, registry: { PrioritySort: () => ({ name: 'PrioritySort', less: () => false }) }, config }, new AbortController().signal),
    /PreEnqueuePlugin "SchedulingGates" does not exist/,
  );
  assert.equal(client.actionsOf('create', 'leases').length, 0);
});
