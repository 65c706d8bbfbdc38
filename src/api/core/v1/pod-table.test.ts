import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podTable } from './pod-table.js';

const now = new Date('2024-05-01T12:00:00Z');
const created = '2024-05-01T11:00:00Z';
const meta = (extra: object = {}) => ({ name: 'web', creationTimestamp: created, ...extra });
const containers = (...names: string[]) => names.map((name) => ({ name, image: `${name}:1` }));
const running = (name: string, restartCount = 0, extra: object = {}) => ({
  name,
  image: `${name}:1`,
  imageID: '',
  ready: true,
  restartCount,
  state: { running: { startedAt: created } },
  ...extra,
});
const waiting = (name: string, reason: string, restartCount = 0, extra: object = {}) => ({
  name,
  image: `${name}:1`,
  imageID: '',
  ready: false,
  restartCount,
  state: { waiting: { reason } },
  ...extra,
});

// [name, pod, READY, STATUS, RESTARTS]
const cases: Array<[string, Pod, string, string, string]> = [
  [
    'Running',
    { metadata: meta(), spec: { containers: containers('a') }, status: { phase: 'Running', containerStatuses: [running('a')] } },
    '1/1',
    'Running',
    '0',
  ],
  ['Pending without statuses', { metadata: meta(), spec: { containers: containers('a') }, status: { phase: 'Pending' } }, '0/1', 'Pending', '0'],
  [
    'ContainerCreating',
    {
      metadata: meta(),
      spec: { containers: containers('a', 'b') },
      status: { phase: 'Pending', containerStatuses: [waiting('a', 'ContainerCreating'), waiting('b', 'ContainerCreating')] },
    },
    '0/2',
    'ContainerCreating',
    '0',
  ],
  [
    'CrashLoopBackOff with last restart age',
    {
      metadata: meta(),
      spec: { containers: containers('a') },
      status: {
        phase: 'Running',
        containerStatuses: [
          waiting('a', 'CrashLoopBackOff', 5, {
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T11:55:00Z' } },
          }),
        ],
      },
    },
    '0/1',
    'CrashLoopBackOff',
    '5 (5m ago)',
  ],
  [
    'first container reason wins',
    {
      metadata: meta(),
      spec: { containers: containers('a', 'b') },
      status: { phase: 'Pending', containerStatuses: [waiting('a', 'ImagePullBackOff'), waiting('b', 'ContainerCreating')] },
    },
    '0/2',
    'ImagePullBackOff',
    '0',
  ],
  [
    'Terminating',
    {
      metadata: meta({ deletionTimestamp: '2024-05-01T11:59:00Z' }),
      spec: { containers: containers('a') },
      status: { phase: 'Running', containerStatuses: [running('a')] },
    },
    '1/1',
    'Terminating',
    '0',
  ],
  [
    'NodeLost while deleting is Unknown',
    {
      metadata: meta({ deletionTimestamp: '2024-05-01T11:59:00Z' }),
      spec: { containers: containers('a') },
      status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('a')] },
    },
    '1/1',
    'Unknown',
    '0',
  ],
  [
    'Completed',
    {
      metadata: meta(),
      spec: { containers: containers('a') },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'a', image: 'a:1', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
      },
    },
    '0/1',
    'Completed',
    '0',
  ],
  [
    'Error exit without reason',
    {
      metadata: meta(),
      spec: { containers: containers('a') },
      status: {
        phase: 'Failed',
        containerStatuses: [{ name: 'a', image: 'a:1', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }],
      },
    },
    '0/1',
    'ExitCode:2',
    '0',
  ],
  [
    'Init:0/1 while the init container runs',
    {
      metadata: meta(),
      spec: { initContainers: containers('init'), containers: containers('a') },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ ...running('init'), ready: false }],
        containerStatuses: [waiting('a', 'PodInitializing')],
      },
    },
    '0/1',
    'Init:0/1',
    '0',
  ],
  [
    'Init:CrashLoopBackOff',
    {
      metadata: meta(),
      spec: { initContainers: containers('init'), containers: containers('a') },
      status: { phase: 'Pending', initContainerStatuses: [waiting('init', 'CrashLoopBackOff', 3)] },
    },
    '0/1',
    'Init:CrashLoopBackOff',
    '3',
  ],
  [
    'Init:Error',
    {
      metadata: meta(),
      spec: { initContainers: containers('init'), containers: containers('a') },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'init', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } },
        ],
      },
    },
    '0/1',
    'Init:Error',
    '0',
  ],
  [
    'Init done then running, sidecar counted',
    {
      metadata: meta(),
      spec: {
        initContainers: [{ name: 'init', image: 'i' }, { name: 'side', image: 's', restartPolicy: 'Always' }],
        containers: containers('a'),
      },
      status: {
        phase: 'Running',
        initContainerStatuses: [
          { name: 'init', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          running('side', 0, { started: true }),
        ],
        containerStatuses: [running('a')],
      },
    },
    '2/2',
    'Running',
    '0',
  ],
  [
    'SchedulingGated',
    {
      metadata: meta(),
      spec: { containers: containers('a') },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
    },
    '0/1',
    'SchedulingGated',
    '0',
  ],
];

for (const [name, pod, ready, status, restarts] of cases) {
  test(`pod cells: ${name}`, () => {
    const cells = podTable.cells(pod, now);
    assert.deepEqual(cells.slice(0, 5), ['web', ready, status, restarts, '60m']);
  });
}

test('pod wide cells', () => {
  const pod: Pod = {
    metadata: meta(),
    spec: { containers: containers('a'), nodeName: 'node-1', readinessGates: [{ conditionType: 'x/ready' }] },
    status: { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }], conditions: [{ type: 'x/ready', status: 'True' }] },
  };
  assert.deepEqual(podTable.cells(pod, now).slice(5), ['10.244.0.5', 'node-1', '<none>', '1/1']);
  assert.deepEqual(podTable.cells({ metadata: meta() }, now).slice(5), ['<none>', '<none>', '<none>', '<none>']);
});

test('pod columns', () => {
  assert.deepEqual(
    podTable.columns.map((c) => [c.name, c.priority]),
    [['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]],
  );
  assert.equal(podTable.columns[0]!.format, 'name');
});
