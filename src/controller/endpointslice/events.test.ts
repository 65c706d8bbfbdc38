import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClient, FakeInformerFactory, RecordingQueue, testContext, type Verb } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newConflict, newForbidden, newInternalError, OPTIMISTIC_LOCK_MESSAGE } from '../../machinery/errors/status.js';
import { testPod as pod, testService as svc } from '../endpoint/testing.js';
import { namespaceTerminating } from '../util/testing-errors.js';
import { newEndpointSliceController } from './controller.js';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './sync.js';

const GR = { group: 'discovery.k8s.io', resource: 'endpointslices' };
const PREFIX = 'Warning FailedToUpdateEndpointSlices Error updating Endpoint Slices for Service ns/web: ';

/** An empty managed slice of the service: an IPv4 one with the service's port is filled (updated), an IPv6 one deleted. */
const slice = (name: string, addressType: string): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType, endpoints: [], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels: { [LABEL_SERVICE_NAME]: 'web', [LABEL_MANAGED_BY]: CONTROLLER_NAME } },
} as KubeObject);

const internal = newInternalError(new Error('etcd is down'));

const cases: { name: string; objects: KubeObject[]; verb: Verb; err: Error; event?: string }[] = [
  {
    name: 'a failed create', objects: [svc('web'), pod('a')], verb: 'create', err: newForbidden(GR, '', 'denied by policy'),
    event: `${PREFIX}failed to create EndpointSlice for Service ns/web: endpointslices.discovery.k8s.io "" is forbidden: denied by policy`,
  },
  {
    name: 'a failed update', objects: [svc('web'), pod('a'), slice('web-old', 'IPv4')], verb: 'update', err: newConflict(GR, 'web-old', OPTIMISTIC_LOCK_MESSAGE),
    event: `${PREFIX}failed to update web-old EndpointSlice for Service ns/web: Operation cannot be fulfilled on endpointslices.discovery.k8s.io "web-old": ${OPTIMISTIC_LOCK_MESSAGE}`,
  },
  {
    name: 'a failed delete', objects: [svc('web'), pod('a'), slice('web-v6', 'IPv6')], verb: 'delete', err: internal,
    event: `${PREFIX}failed to delete web-v6 EndpointSlice for Service ns/web: ${internal.message}`,
  },
  { name: 'a create in a terminating namespace (dropped, no event)', objects: [svc('web'), pod('a')], verb: 'create', err: namespaceTerminating(GR, '', 'ns') },
];

for (const c of cases) {
  test(`endpointslice controller events: ${c.name}`, async () => {
    const client = new FakeClient({ objects: c.objects });
    const factory = new FakeInformerFactory();
    const recorder = new FakeRecorder();
    const ctl = newEndpointSliceController({ ...testContext(), recorder, client, informers: factory, clock: new FakeClock() }, { queue: new RecordingQueue() });
    factory.mirror(client);
    client.prependReactor(c.verb, 'endpointslices', () => {
      throw c.err;
    });
    if (c.event) await assert.rejects(ctl.sync('ns/web'), (e: Error) => e.cause === c.err && PREFIX + e.message === c.event);
    else await ctl.sync('ns/web');
    assert.deepEqual(recorder.events, c.event ? [c.event] : []);
    for (const o of recorder.objects) assert.deepEqual([o.kind, o.metadata?.namespace, o.metadata?.name], ['Service', 'ns', 'web']);
    assert.equal(client.actions.filter((a) => a.verb === c.verb && a.resource === 'endpointslices').length, 1, 'the write was attempted once');
  });
}
