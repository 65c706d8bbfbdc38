import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event as CoreEvent } from 'kubernetes-types/core/v1.js';
import type { Event as NewEvent } from 'kubernetes-types/events/v1.js';
import { eventTable } from './event-table.js';
import { eventsV1EventTable } from '../../events/v1/tables.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'web.17a', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' };

// Cells: LAST SEEN, TYPE, REASON, OBJECT, SUBOBJECT, SOURCE, MESSAGE, FIRST SEEN, COUNT, NAME
const coreCases: Array<[string, CoreEvent, unknown[]]> = [
  [
    'classic event with count',
    {
      metadata,
      involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{a}' },
      type: 'Normal',
      reason: 'Pulled',
      message: 'Successfully pulled image \n',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2024-05-01T11:50:00Z',
      lastTimestamp: '2024-05-01T11:59:17Z',
      count: 3,
    },
    ['43s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{a}', 'kubelet, node-1', 'Successfully pulled image', '10m', 3, 'web.17a'],
  ],
  [
    'new-style event: eventTime only, count defaults to 1',
    {
      metadata,
      involvedObject: { kind: 'Node' },
      type: 'Warning',
      reason: 'Rebooted',
      message: 'x',
      eventTime: '2024-05-01T11:55:00.000000Z',
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
    },
    ['5m', 'Warning', 'Rebooted', 'node', '', 'kubelet, node-1', 'x', '5m', 1, 'web.17a'],
  ],
  [
    'series overrides last seen and count',
    {
      metadata,
      involvedObject: { kind: 'Pod', name: 'p' },
      eventTime: '2024-05-01T11:00:00.000000Z',
      series: { count: 7, lastObservedTime: '2024-05-01T11:58:00.000000Z' },
    },
    ['2m', '', '', 'pod/p', '', '', '', '60m', 7, 'web.17a'],
  ],
];

for (const [name, e, want] of coreCases) {
  test(`core event cells: ${name}`, () => assert.deepEqual(eventTable.cells(e, now), want));
}

test('events.k8s.io/v1 event prints like core', () => {
  const e: NewEvent = {
    metadata,
    eventTime: '2024-05-01T11:55:00.000000Z',
    regarding: { kind: 'Deployment', name: 'web' },
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    note: 'Scaled up replica set web-abc to 1',
    reportingController: 'deployment-controller',
    reportingInstance: '',
  };
  assert.deepEqual(eventsV1EventTable.cells(e, now), [
    '5m', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller',
    'Scaled up replica set web-abc to 1', '5m', 1, 'web.17a',
  ]);
  assert.equal(eventsV1EventTable.columns, eventTable.columns);
});

test('event columns: LAST SEEN TYPE REASON OBJECT MESSAGE by default', () => {
  const shown = eventTable.columns.filter((c) => c.priority === 0).map((c) => c.name);
  assert.deepEqual(shown, ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
});
