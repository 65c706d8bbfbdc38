import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { DiagnosisStore } from './diagnosis.js';
import { Status } from './framework/status.js';
import { schedulerMetrics } from './metrics.js';
import { podStatusPatch, CLEAR_NOMINATED_NODE, NOMINATING_NOOP } from './pod-status.js';
import { makePod } from './testing/wrappers.js';

const at = new Date('2026-01-01T00:00:00Z');

test('diagnosis: verdicts grouped by plugin/code/reasons, one row per node on request', () => {
  const store = new DiagnosisStore();
  const cpu = Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit');
  const statuses = new Map([
    ['n2', cpu],
    ['n1', Status.unresolvable("node(s) didn't match Pod's node affinity/selector").withPlugin('NodeAffinity')],
    ['n3', Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit')],
  ]);
  store.record(makePod('p').obj(), at, 3, 'msg', statuses);
  const d = store.get('default', 'p')!;
  assert.deepEqual(d.groups.map((g) => [g.plugin, g.code, g.nodes]), [
    ['NodeResourcesFit', 'Unschedulable', ['n2', 'n3']],
    ['NodeAffinity', 'UnschedulableAndUnresolvable', ['n1']],
  ]);
  assert.deepEqual(store.verdicts('default', 'p')!.map((v) => v.node), ['n1', 'n2', 'n3']);
  assert.equal(d.time, '2026-01-01T00:00:00.000Z');
});

test('diagnosis: dropped on delete (same uid only) and bounded to maxPods', () => {
  const store = new DiagnosisStore(2);
  for (const n of ['a', 'b', 'c']) store.record(makePod(n).obj(), at, 0, '', new Map());
  assert.deepEqual([store.get('default', 'a'), store.size], [undefined, 2]);
  store.delete(makePod('b').uid('another').obj());
  assert.ok(store.get('default', 'b'), 'a different pod with the same name');
  store.delete(makePod('b').obj());
  assert.equal(store.get('default', 'b'), undefined);
});

test('status patch: condition and nomination only when they change; lastTransitionTime kept for the same status', () => {
  const pod = makePod('p').obj();
  const patch = podStatusPatch(pod, { reason: 'Unschedulable', message: 'm1' }, { mode: 'override', nodeName: 'n1' }, at)!;
  assert.deepEqual(patch, {
    status: {
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'm1', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }],
      nominatedNodeName: 'n1',
    },
  });
  const shown = { ...pod, status: { nominatedNodeName: 'n1', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'm1', lastTransitionTime: '2025-12-31T00:00:00Z' }] } };
  assert.equal(podStatusPatch(shown, { reason: 'Unschedulable', message: 'm1' }, NOMINATING_NOOP, at), undefined);
  const changed = podStatusPatch(shown, { reason: 'Unschedulable', message: 'm2' }, CLEAR_NOMINATED_NODE, at)!;
  const cond = (changed.status.conditions as { lastTransitionTime: string }[])[0]!;
  assert.equal(cond.lastTransitionTime, '2025-12-31T00:00:00Z');
  assert.equal(changed.status.nominatedNodeName, null, 'cleared');
});

test('metrics: upstream names and labels in the given registry, registered once per registry', async () => {
  const registry = new Registry();
  const m = schedulerMetrics(registry);
  assert.equal(schedulerMetrics(registry), m);
  m.scheduleAttempt('scheduled', 'default-scheduler', 0.004);
  m.extensionPoint('Filter', 'Success', 'default-scheduler', 0.0002);
  m.podSchedulingAttempts(2);
  m.setPendingPodsSource(() => ({ active: 3, backoff: 1, unschedulable: 2, gated: 0 }));
  const text = await registry.metrics();
  assert.match(text, /scheduler_schedule_attempts_total\{result="scheduled",profile="default-scheduler"\} 1/);
  assert.match(text, /scheduler_scheduling_attempt_duration_seconds_bucket\{le="0.004",result="scheduled",profile="default-scheduler"\} 1/);
  assert.match(text, /scheduler_framework_extension_point_duration_seconds_count\{extension_point="Filter",status="Success",profile="default-scheduler"\} 1/);
  assert.match(text, /scheduler_pod_scheduling_attempts_bucket\{le="2"\} 1/);
  assert.match(text, /scheduler_pending_pods\{queue="active"\} 3/);
});
