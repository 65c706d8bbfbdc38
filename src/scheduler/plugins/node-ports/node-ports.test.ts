import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle, type QueueingHint } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { makeNode, makePod, type PodWrapper } from '../../testing/wrappers.js';
import { ERR_REASON, factory, isSchedulableAfterPodDeleted, NAME, NodePorts } from './index.js';

/** "PROTO/IP/PORT" strings, as upstream's newPod helper. */
const withPorts = (w: PodWrapper, ...ports: string[]): PodWrapper => {
  for (const p of ports) {
    const [protocol, ip, port] = p.split('/');
    w.hostPort(Number(port), protocol, ip || undefined);
  }
  return w;
};
const pod = (...ports: string[]): Pod => withPorts(makePod('p'), ...ports).obj();
const running = (...ports: string[]): Pod => withPorts(makePod('e').node('n'), ...ports).obj();

const plugin = factory(undefined, {} as Handle) as NodePorts;

const cases: { name: string; pod: Pod; existing: Pod[]; code: Code; reasons: string[] }[] = [
  { name: 'other port', pod: pod('UDP/127.0.0.1/8080'), existing: [running('UDP/127.0.0.1/9090')], code: Code.Success, reasons: [] },
  { name: 'same udp port', pod: pod('UDP/127.0.0.1/8080'), existing: [running('UDP/127.0.0.1/8080')], code: Code.Unschedulable, reasons: [ERR_REASON] },
  { name: 'same tcp port', pod: pod('TCP/127.0.0.1/8080'), existing: [running('TCP/127.0.0.1/8080')], code: Code.Unschedulable, reasons: [ERR_REASON] },
  { name: 'different host ip', pod: pod('TCP/127.0.0.1/8080'), existing: [running('TCP/127.0.0.2/8080')], code: Code.Success, reasons: [] },
  { name: 'different protocol', pod: pod('UDP/127.0.0.1/8080'), existing: [running('TCP/127.0.0.1/8080')], code: Code.Success, reasons: [] },
  {
    name: 'second udp port conflict',
    pod: pod('UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'),
    existing: [running('UDP/127.0.0.1/8001', 'UDP/127.0.0.1/8080')],
    code: Code.Unschedulable,
    reasons: [ERR_REASON],
  },
  {
    name: 'first tcp port conflict',
    pod: pod('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'),
    existing: [running('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081')],
    code: Code.Unschedulable,
    reasons: [ERR_REASON],
  },
  {
    name: 'first tcp port conflict due to 0.0.0.0 hostIP',
    pod: pod('TCP/0.0.0.0/8001'),
    existing: [running('TCP/127.0.0.1/8001')],
    code: Code.Unschedulable,
    reasons: [ERR_REASON],
  },
  {
    name: 'TCP hostPort conflict due to 0.0.0.0 hostIP',
    pod: pod('TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'),
    existing: [running('TCP/127.0.0.1/8001')],
    code: Code.Unschedulable,
    reasons: [ERR_REASON],
  },
  {
    name: 'second tcp port conflict to 0.0.0.0 hostIP',
    pod: pod('TCP/127.0.0.1/8001'),
    existing: [running('TCP/0.0.0.0/8001')],
    code: Code.Unschedulable,
    reasons: [ERR_REASON],
  },
  { name: 'second different protocol', pod: pod('UDP/127.0.0.1/8001'), existing: [running('TCP/0.0.0.0/8001')], code: Code.Success, reasons: [] },
  {
    name: 'UDP hostPort conflict due to 0.0.0.0 hostIP',
    pod: pod('UDP/127.0.0.1/8001'),
    existing: [running('TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001')],
    code: Code.Unschedulable,
    reasons: [ERR_REASON],
  },
  { name: 'empty hostIP means 0.0.0.0', pod: pod('TCP//8001'), existing: [running('TCP/10.0.0.1/8001')], code: Code.Unschedulable, reasons: [ERR_REASON] },
  { name: '0.0.0.0 does not match a longer port number', pod: pod('TCP/0.0.0.0/80'), existing: [running('TCP/10.0.0.1/180')], code: Code.Success, reasons: [] },
];

for (const c of cases) {
  test(`NodePorts.filter: ${c.name}`, () => {
    const snap = newTestSnapshot(c.existing, [makeNode('n').obj()]);
    const state = new CycleState();
    assert.equal(plugin.preFilter(state, c.pod, snap.list()).status.code, Code.Success);
    const s = plugin.filter(state, c.pod, snap.get('n')!);
    assert.equal(s.code, c.code);
    assert.deepEqual(s.reasons, c.reasons);
  });
}

test('NodePorts.preFilter skips pods without host ports', () => {
  assert.equal(plugin.preFilter(new CycleState(), makePod('p').obj(), []).status.code, Code.Skip);
});

test('NodePorts.filter without PreFilter is an Error', () => {
  const s = plugin.filter(new CycleState(), pod('TCP/127.0.0.1/80'), newTestSnapshot([], [makeNode('n').obj()]).get('n')!);
  assert.equal(s.code, Code.Error);
});

test('factory builds NodePorts under its upstream name', () => {
  assert.ok(plugin instanceof NodePorts);
  assert.equal(NAME, 'NodePorts');
  assert.equal(plugin.name, NAME);
  assert.equal(ERR_REASON, "node(s) didn't have free ports for the requested pod ports");
});

test('NodePorts registers pod deletions and node additions', () => {
  assert.deepEqual(
    plugin.eventsToRegister().map((e) => e.event),
    [
      { resource: 'Pod', actionType: ActionType.Delete },
      { resource: 'Node', actionType: ActionType.Add },
    ],
  );
});

const hintCases: { name: string; deleted: Pod; want: QueueingHint }[] = [
  { name: 'a scheduled pod freed the wanted port', deleted: running('TCP/127.0.0.1/8080'), want: 'Queue' },
  { name: 'a scheduled pod freed another port', deleted: running('TCP/127.0.0.1/8081'), want: 'QueueSkip' },
  { name: 'a scheduled pod without host ports', deleted: makePod('e').node('n').obj(), want: 'QueueSkip' },
  { name: 'an unscheduled pod with the port', deleted: withPorts(makePod('e'), 'TCP/127.0.0.1/8080').obj(), want: 'QueueSkip' },
  { name: 'a nominated pod with the port', deleted: withPorts(makePod('e').nominatedNodeName('n'), 'TCP/127.0.0.1/8080').obj(), want: 'Queue' },
  { name: 'a scheduled pod bound on every address', deleted: running('TCP/0.0.0.0/8080'), want: 'Queue' },
];

for (const c of hintCases) {
  test(`NodePorts pod-deleted hint: ${c.name}`, () => {
    assert.equal(isSchedulableAfterPodDeleted(pod('TCP/127.0.0.1/8080'), c.deleted), c.want);
  });
}
