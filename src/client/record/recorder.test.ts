import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newNotFound } from '../../machinery/errors/status.js';
import type { Client, KubeObject } from '../interface.js';
import type { CoreEvent } from './event.js';
import { createEventRecorder } from './recorder.js';

interface Action {
  verb: 'create' | 'patch';
  namespace: string;
  name: string;
  body: unknown;
}

/** Records writes to events and keeps the created Events; `failNext` makes the next writes throw. */
function stubClient(): Client & { actions: Action[]; events: Map<string, CoreEvent>; failNext: unknown[]; hold?: Promise<void> } {
  const c = {
    actions: [] as Action[],
    events: new Map<string, CoreEvent>(),
    failNext: [] as unknown[],
    hold: undefined as Promise<void> | undefined,
    async create(_r: unknown, ns: string, obj: CoreEvent): Promise<CoreEvent> {
      if (c.hold) await c.hold;
      c.actions.push({ verb: 'create', namespace: ns, name: obj.metadata?.name ?? '', body: obj });
      if (c.failNext.length) throw c.failNext.shift();
      const stored = structuredClone({ ...obj, metadata: { ...obj.metadata, resourceVersion: '1' } });
      c.events.set(`${ns}/${obj.metadata?.name}`, stored);
      return stored;
    },
    async patch(_r: unknown, ns: string, name: string, _t: string, patch: Partial<CoreEvent>): Promise<CoreEvent> {
      c.actions.push({ verb: 'patch', namespace: ns, name, body: patch });
      if (c.failNext.length) throw c.failNext.shift();
      const cur = c.events.get(`${ns}/${name}`);
      if (!cur) throw newNotFound({ group: '', resource: 'events' }, name);
      Object.assign(cur, patch);
      return structuredClone(cur);
    },
  };
  return c as unknown as ReturnType<typeof stubClient>;
}

const pod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns1', uid: `uid-${name}`, resourceVersion: '7' },
});

test('an event becomes a core/v1 Event named <object>.<hex nanoseconds>', async () => {
  const clock = new FakeClock();
  const client = stubClient();
  const rec = createEventRecorder({ client, clock, component: 'replicaset-controller', host: 'node-1' });
  rec.event(pod('web-1'), 'Normal', 'Scheduled', 'Successfully assigned');
  await rec.flush();
  assert.equal(client.actions.length, 1);
  const ev = client.actions[0]!.body as CoreEvent;
  const nanos = BigInt(Date.parse('2026-01-01T00:00:00Z')) * 1_000_000n;
  assert.equal(ev.metadata?.name, `web-1.${nanos.toString(16)}`);
  assert.equal(ev.metadata?.namespace, 'ns1');
  assert.deepEqual(ev.involvedObject, { kind: 'Pod', namespace: 'ns1', name: 'web-1', uid: 'uid-web-1', apiVersion: 'v1', resourceVersion: '7' });
  assert.deepEqual(ev.source, { component: 'replicaset-controller', host: 'node-1' });
  assert.equal(ev.reportingComponent, 'replicaset-controller');
  assert.equal(ev.count, 1);
  assert.equal(ev.type, 'Normal');
  assert.equal(ev.firstTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(ev.lastTimestamp, '2026-01-01T00:00:00Z');
});

test('cluster-scoped objects get their Events in default; events of one millisecond get distinct names', async () => {
  const client = stubClient();
  const rec = createEventRecorder({ client, clock: new FakeClock(), component: 'c' });
  const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u' } };
  rec.event(node, 'Normal', 'A', 'a');
  rec.event(node, 'Normal', 'B', 'b');
  await rec.flush();
  assert.deepEqual(client.actions.map((a) => a.namespace), ['default', 'default']);
  assert.notEqual(client.actions[0]!.name, client.actions[1]!.name);
});

test('a repeated event patches count and lastTimestamp of the first Event', async () => {
  const clock = new FakeClock();
  const client = stubClient();
  const rec = createEventRecorder({ client, clock, component: 'c' });
  rec.event(pod('p'), 'Warning', 'BackOff', 'Back-off restarting');
  await rec.flush();
  clock.step(30_000);
  rec.event(pod('p'), 'Warning', 'BackOff', 'Back-off restarting');
  await rec.flush();
  const first = client.actions[0]!;
  assert.equal(client.actions[1]?.verb, 'patch');
  assert.equal(client.actions[1]?.name, first.name);
  assert.deepEqual(client.actions[1]?.body, { count: 2, lastTimestamp: '2026-01-01T00:00:30Z', message: 'Back-off restarting' });
  const stored = client.events.get(`ns1/${first.name}`);
  assert.equal(stored?.count, 2);
  assert.equal(stored?.firstTimestamp, '2026-01-01T00:00:00Z');
});

test('a repeat of an expired Event creates it again with the running count', async () => {
  const client = stubClient();
  const rec = createEventRecorder({ client, clock: new FakeClock(), component: 'c' });
  rec.event(pod('p'), 'Normal', 'R', 'm');
  await rec.flush();
  client.events.clear();
  rec.event(pod('p'), 'Normal', 'R', 'm');
  await rec.flush();
  assert.deepEqual(client.actions.map((a) => a.verb), ['create', 'patch', 'create']);
  assert.equal((client.actions[2]!.body as CoreEvent).count, 2);
});

test('more than 10 similar events differing by message fold into one combined Event', async () => {
  const client = stubClient();
  const rec = createEventRecorder({ client, clock: new FakeClock(), component: 'c' });
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'ns1', uid: 'u' } };
  for (let i = 0; i < 12; i++) rec.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
  await rec.flush();
  const verbs = client.actions.map((a) => a.verb);
  // Nine distinct messages pass; the tenth starts the combined Event, which later ones patch.
  assert.deepEqual(verbs, [...Array(10).fill('create'), 'patch', 'patch']);
  const combined = client.actions[9]!.body as CoreEvent;
  assert.equal(combined.message, '(combined from similar events): Created pod: web-9');
  assert.equal(client.actions[10]!.name, client.actions[9]!.name);
  assert.deepEqual(client.actions[11]!.body, { count: 3, lastTimestamp: '2026-01-01T00:00:00Z', message: '(combined from similar events): Created pod: web-11' });
});

test('the spam filter lets 25 events per object through, then one per 5 minutes', async () => {
  const clock = new FakeClock();
  const client = stubClient();
  const rec = createEventRecorder({ client, clock, component: 'c', maxSimilar: 1000 });
  for (let i = 0; i < 30; i++) rec.event(pod('p'), 'Normal', `R${i}`, 'm');
  await rec.flush();
  assert.equal(client.actions.length, 25);
  clock.step(300_000);
  rec.event(pod('p'), 'Normal', 'Later', 'm');
  rec.event(pod('p'), 'Normal', 'Later2', 'm');
  await rec.flush();
  assert.equal(client.actions.length, 26);
});

test('invalid types and objects without a kind are dropped; event() never throws', async () => {
  const client = stubClient();
  client.failNext.push(new Error('boom'));
  const rec = createEventRecorder({ client, clock: new FakeClock(), component: 'c' });
  rec.event(pod('p'), 'Bogus' as 'Normal', 'R', 'm');
  rec.event({ metadata: { name: 'x' } }, 'Normal', 'R', 'm');
  assert.doesNotThrow(() => rec.event(pod('p'), 'Normal', 'R', 'm'));
  assert.equal(client.actions.length, 0, 'writes are asynchronous');
});

test('transport errors are retried after 10 s; API rejections are not', async () => {
  const clock = new FakeClock();
  const client = stubClient();
  client.failNext.push(new Error('ECONNREFUSED'));
  const rec = createEventRecorder({ client, clock, component: 'c' });
  rec.event(pod('p'), 'Normal', 'R', 'm');
  await new Promise((r) => setImmediate(r));
  assert.equal(client.actions.length, 1);
  clock.step(10_000);
  await rec.flush();
  assert.equal(client.actions.length, 2);
  assert.equal(client.events.size, 1);
  client.failNext.push(newNotFound({ group: '', resource: 'namespaces' }, 'ns1'));
  rec.event(pod('p'), 'Normal', 'Other', 'm');
  await rec.flush();
  assert.equal(client.actions.length, 3);
});

test('beyond maxQueued pending events new ones are dropped and counted', async () => {
  const client = stubClient();
  let release!: () => void;
  client.hold = new Promise((r) => (release = r));
  const rec = createEventRecorder({ client, clock: new FakeClock(), component: 'c', maxQueued: 5, spamBurst: 100, maxSimilar: 100 });
  for (let i = 0; i < 10; i++) rec.event(pod(`p${i}`), 'Normal', 'R', 'm');
  assert.equal(rec.dropped, 5);
  await new Promise((r) => setImmediate(r));
  // The writer holds one; there is room for one more again.
  rec.event(pod('late'), 'Normal', 'R', 'm');
  assert.equal(rec.dropped, 5);
  release();
  await rec.flush();
  assert.equal(client.actions.length, 6);
});
