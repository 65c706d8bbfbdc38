import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { FakeClient } from '../client/fake/index.js';
import { FakeClock } from '../machinery/clock/clock.js';
import { nopLogger } from '../machinery/log/logger.js';
import { runControllerManager } from './manager.js';

/** Polls the registry's text until `re` matches (a bounded number of event-loop turns). */
async function scrapeUntil(registry: Registry, re: RegExp, turns = 500): Promise<string> {
  for (let i = 0; i < turns; i++) {
    const text = await registry.metrics();
    if (re.test(text)) return text;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail(`no ${re} in:\n${await registry.metrics()}`);
}

const cases = [
  { name: 'without leader election: queue metrics only', leaderElect: false, queues: ['endpoint', 'endpoint_slice'] },
  { name: 'with leader election: queue metrics and leader_election_master_status 1 while leading, 0 after', leaderElect: true, queues: ['garbage_collector_attempt_to_delete', 'garbage_collector_attempt_to_orphan'] },
];

for (const c of cases) {
  test(`runControllerManager with a registry, ${c.name}`, async () => {
    const registry = new Registry();
    const ac = new AbortController();
    const controllers = c.leaderElect ? ['garbagecollector'] : ['endpoints', 'endpointslice'];
    const run = runControllerManager(
      { client: new FakeClient(), logger: nopLogger, clock: new FakeClock(), controllers, leaderElect: c.leaderElect, identity: 'me', registry },
      ac.signal,
    );
    for (const q of c.queues) await scrapeUntil(registry, new RegExp(`^workqueue_depth\\{name="${q}"\\} 0$`, 'm'));
    const text = await registry.metrics();
    if (c.leaderElect) assert.match(text, /^leader_election_master_status\{name="kube-controller-manager"\} 1$/m);
    else assert.doesNotMatch(text, /leader_election_master_status/);
    ac.abort();
    await run;
    if (c.leaderElect) assert.match(await registry.metrics(), /^leader_election_master_status\{name="kube-controller-manager"\} 0$/m);
  });
}
