import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClient, FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newConflict, newForbidden, OPTIMISTIC_LOCK_MESSAGE } from '../../machinery/errors/status.js';
import { namespaceTerminating } from '../util/testing-errors.js';
import { newEndpointsController } from './controller.js';
import type { EndpointsObject } from './sync.js';
import { testPod as pod, testService as svc } from './testing.js';

const GR = { group: '', resource: 'endpoints' };
const stale: EndpointsObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'ns' }, subsets: [] };

const cases: { name: string; objects: KubeObject[]; verb: 'create' | 'update'; err?: Error; events: string[]; rejects: boolean }[] = [
  {
    name: 'a failed create is a FailedToCreateEndpoint warning on the Endpoints',
    objects: [svc('web'), pod('a')], verb: 'create', err: newForbidden(GR, 'web', 'denied by policy'), rejects: true,
    events: ['Warning FailedToCreateEndpoint Failed to create endpoint for service ns/web: endpoints "web" is forbidden: denied by policy'],
  },
  {
    name: 'a failed update is a FailedToUpdateEndpoint warning on the Endpoints',
    objects: [svc('web'), pod('a'), stale], verb: 'update', err: newConflict(GR, 'web', OPTIMISTIC_LOCK_MESSAGE), rejects: true,
    events: [`Warning FailedToUpdateEndpoint Failed to update endpoint ns/web: Operation cannot be fulfilled on endpoints "web": ${OPTIMISTIC_LOCK_MESSAGE}`],
  },
  {
    name: 'a create refused because the namespace is terminating is dropped without an event',
    objects: [svc('web'), pod('a')], verb: 'create', err: namespaceTerminating(GR, 'web', 'ns'), rejects: false, events: [],
  },
  { name: 'a successful write records nothing', objects: [svc('web'), pod('a')], verb: 'create', rejects: false, events: [] },
];

for (const c of cases) {
  test(`endpoints controller events: ${c.name}`, async () => {
    const client = new FakeClient({ objects: c.objects });
    const factory = new FakeInformerFactory();
    const recorder = new FakeRecorder();
    const ctl = newEndpointsController({ ...testContext(), recorder, client, informers: factory, clock: new FakeClock() }, { queue: new RecordingQueue() });
    factory.mirror(client);
    client.prependReactor(c.verb, 'endpoints', () => {
      if (c.err) throw c.err;
      return undefined;
    });
    if (c.rejects) await assert.rejects(ctl.sync('ns/web'), (e) => e === c.err);
    else await ctl.sync('ns/web');
    assert.deepEqual(recorder.events, c.events);
    for (const o of recorder.objects) assert.deepEqual([o.kind, o.metadata?.namespace, o.metadata?.name], ['Endpoints', 'ns', 'web']);
    assert.equal(client.actions.filter((a) => a.verb === c.verb && a.resource === 'endpoints').length, 1, 'the write was attempted');
  });
}
