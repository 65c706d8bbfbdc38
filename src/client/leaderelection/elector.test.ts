import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newConflict, newNotFound, newAlreadyExists } from '../../machinery/errors/status.js';
import type { Client } from '../interface.js';
import { recordFromLease, formatMicroTime } from './record.js';
import { runLeaderElection } from './run.js';
import type { LeaderElectionConfig } from './types.js';

const GR = { group: 'coordination.k8s.io', resource: 'leases' };

/** One shared lease store with resourceVersion checks; each candidate gets a client it can cut off. */
class LeaseStore {
  lease: Lease | undefined;
  private rv = 0;
  writes = 0;

  client(): Client & { down: boolean } {
    const store = this;
    const c = {
      down: false,
      async get(): Promise<unknown> {
        c.check();
        if (!store.lease) throw newNotFound(GR, 'ctrl');
        return structuredClone(store.lease);
      },
      async create(_r: unknown, _ns: string, obj: Lease): Promise<unknown> {
        c.check();
        if (store.lease) throw newAlreadyExists(GR, 'ctrl');
        return store.put(obj);
      },
      async update(_r: unknown, _ns: string, obj: Lease): Promise<unknown> {
        c.check();
        if (obj.metadata?.resourceVersion !== store.lease?.metadata?.resourceVersion) {
          throw newConflict(GR, 'ctrl', 'the object has been modified');
        }
        return store.put(obj);
      },
      check(): void {
        if (c.down) throw new Error('connection refused');
      },
    };
    return c as unknown as Client & { down: boolean };
  }

  private put(obj: Lease): Lease {
    this.writes++;
    this.lease = structuredClone({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } });
    return structuredClone(this.lease);
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** Steps the fake clock in small increments, letting promise chains run between steps. */
async function advance(clock: FakeClock, ms: number, step = 100): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.step(step);
    await flush();
  }
}

const START = Date.parse('2026-01-01T00:00:00Z');
const advanceTo = (clock: FakeClock, t: number): Promise<void> => advance(clock, START + t - clock.now().getTime());

interface Candidate {
  leading: boolean;
  lost: AbortSignal | undefined;
  stopped: boolean;
  stop: AbortController;
  client: Client & { down: boolean };
  done: Promise<void>;
}

function candidate(store: LeaseStore, clock: FakeClock, identity: string, extra: Partial<LeaderElectionConfig> = {}): Candidate {
  const c: Candidate = { leading: false, lost: undefined, stopped: false, stop: new AbortController(), client: store.client(), done: Promise.resolve() };
  c.done = runLeaderElection({
    client: c.client,
    clock,
    namespace: 'kube-system',
    name: 'ctrl',
    identity,
    leaseDurationMs: 15000,
    renewDeadlineMs: 10000,
    retryPeriodMs: 2000,
    random: () => 0,
    signal: c.stop.signal,
    onStartedLeading: (signal) => {
      c.leading = true;
      c.lost = signal;
    },
    onStoppedLeading: () => {
      c.stopped = true;
    },
    ...extra,
  });
  return c;
}

test('a candidate creates an absent lease and leads', async () => {
  const clock = new FakeClock();
  const store = new LeaseStore();
  const a = candidate(store, clock, 'a');
  await flush();
  assert.equal(a.leading, true);
  const spec = store.lease?.spec;
  assert.equal(spec?.holderIdentity, 'a');
  assert.equal(spec?.leaseDurationSeconds, 15);
  assert.equal(spec?.leaseTransitions, 0);
  assert.equal(spec?.acquireTime, '2026-01-01T00:00:00.000000Z');
  assert.equal(spec?.renewTime, '2026-01-01T00:00:00.000000Z');
  a.stop.abort();
  await a.done;
  assert.equal(a.stopped, true);
  assert.equal(a.lost?.aborted, true);
});

test('two candidates: only one leads, and the leader keeps renewing every retryPeriod', async () => {
  const clock = new FakeClock();
  const store = new LeaseStore();
  const a = candidate(store, clock, 'a');
  await flush();
  const b = candidate(store, clock, 'b');
  await advance(clock, 60000);
  assert.equal(a.leading, true);
  assert.equal(b.leading, false);
  const spec = store.lease?.spec;
  assert.equal(spec?.holderIdentity, 'a');
  assert.equal(spec?.renewTime, formatMicroTime(new Date(Date.parse('2026-01-01T00:01:00Z'))));
  assert.equal(spec?.acquireTime, '2026-01-01T00:00:00.000000Z');
  assert.equal(store.writes, 1 + 30);
  a.stop.abort();
  b.stop.abort();
  await Promise.all([a.done, b.done]);
});

test('when the leader stops renewing, it gives up after renewDeadline and the other takes over after leaseDuration', async () => {
  const clock = new FakeClock();
  const store = new LeaseStore();
  const a = candidate(store, clock, 'a');
  await flush();
  const b = candidate(store, clock, 'b');
  await advanceTo(clock, 4000); // a renewed at 2 s and 4 s
  a.client.down = true;
  // The renewal started at 6 s fails until its deadline, 6 s + renewDeadline.
  await advanceTo(clock, 15900);
  assert.equal(a.lost?.aborted, false, 'still leader before renewDeadline');
  await advanceTo(clock, 16100);
  assert.equal(a.lost?.aborted, true, 'gave up after renewDeadline');
  await a.done;
  assert.equal(a.stopped, true);
  // b saw the last change (a's 4 s renewal) no earlier than 4 s: the lease cannot expire before 19 s, and b,
  // retrying every 2 s, takes it at the first retry after expiry.
  await advanceTo(clock, 18900);
  assert.equal(b.leading, false, 'not before the lease expires');
  assert.equal(store.lease?.spec?.holderIdentity, 'a');
  await advanceTo(clock, 22100);
  assert.equal(b.leading, true);
  const rec = recordFromLease(store.lease!);
  assert.equal(rec.holderIdentity, 'b');
  assert.equal(rec.leaderTransitions, 1);
  b.stop.abort();
  await b.done;
});

test('a candidate that loses the write race (409) does not lead', async () => {
  const clock = new FakeClock();
  const store = new LeaseStore();
  store.lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'ctrl', namespace: 'kube-system', resourceVersion: '0' },
    spec: { holderIdentity: 'old', leaseDurationSeconds: 15, leaseTransitions: 3, acquireTime: formatMicroTime(clock.now()), renewTime: formatMicroTime(clock.now()) },
  };
  const a = candidate(store, clock, 'a');
  const b = candidate(store, clock, 'b');
  await flush();
  assert.equal(a.leading || b.leading, false, 'held by old');
  await advance(clock, 20000);
  assert.equal(Number(a.leading) + Number(b.leading), 1, 'exactly one leads');
  assert.equal(recordFromLease(store.lease!).leaderTransitions, 4);
  a.stop.abort();
  b.stop.abort();
  await Promise.all([a.done, b.done]);
});

test('releaseOnCancel gives the lease up so another candidate takes it within a second', async () => {
  const clock = new FakeClock();
  const store = new LeaseStore();
  const a = candidate(store, clock, 'a', { releaseOnCancel: true });
  await flush();
  const b = candidate(store, clock, 'b');
  await advance(clock, 1000);
  a.stop.abort();
  await a.done;
  assert.equal(store.lease?.spec?.holderIdentity, '');
  assert.equal(store.lease?.spec?.leaseDurationSeconds, 1);
  await advance(clock, 2000);
  assert.equal(b.leading, true);
  assert.equal(store.lease?.spec?.leaseTransitions, 1);
  b.stop.abort();
  await b.done;
});

const invalid: [string, Partial<LeaderElectionConfig>, string][] = [
  ['lease <= renew deadline', { leaseDurationMs: 10000 }, 'leaseDuration must be greater than renewDeadline'],
  ['renew deadline <= 1.2 retry', { retryPeriodMs: 9000 }, 'renewDeadline must be greater than retryPeriod*JitterFactor'],
  ['empty identity', { identity: '' }, 'Lock identity is empty'],
];
for (const [name, extra, message] of invalid) {
  test(`invalid config: ${name}`, async () => {
    const c = candidate(new LeaseStore(), new FakeClock(), 'a', extra);
    await assert.rejects(c.done, { message });
  });
}
