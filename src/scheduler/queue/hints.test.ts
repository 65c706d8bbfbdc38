import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nopLogger } from '../../machinery/log/logger.js';
import { ActionType, type ClusterEvent, type ClusterEventWithHint } from '../framework/interface.js';
import { makePod } from '../testing/wrappers.js';
import { ALL_EVENTS, EVENT_FORCE_ACTIVATE, EVENT_UNSCHEDULABLE_TIMEOUT, eventMatches } from './cluster-events.js';
import { isEventOfInterest, isPodWorthRequeuing, type QueueingHintMap, type QueueingStrategy } from './hints.js';
import { newQueuedPodInfo } from './queued-pod.js';

const nodeAdd: ClusterEvent = { resource: 'Node', actionType: ActionType.Add };
const nodeLabel: ClusterEvent = { resource: 'Node', actionType: ActionType.UpdateNodeLabel };
const assignedPodDelete: ClusterEvent = { resource: 'AssignedPod', actionType: ActionType.Delete };

const matches: { registered: ClusterEvent; incoming: ClusterEvent; want: boolean }[] = [
  { registered: nodeAdd, incoming: nodeAdd, want: true },
  { registered: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel }, incoming: nodeLabel, want: true },
  { registered: nodeAdd, incoming: nodeLabel, want: false },
  { registered: { resource: 'Pod', actionType: ActionType.Delete }, incoming: assignedPodDelete, want: true },
  { registered: { resource: 'AssignedPod', actionType: ActionType.Delete }, incoming: { resource: 'Pod', actionType: ActionType.Delete }, want: false },
  { registered: { resource: 'WildCard', actionType: ActionType.Add }, incoming: nodeAdd, want: true },
  { registered: ALL_EVENTS, incoming: assignedPodDelete, want: true },
  { registered: nodeAdd, incoming: EVENT_UNSCHEDULABLE_TIMEOUT, want: false },
];
for (const c of matches) {
  test(`eventMatches: ${c.registered.resource}/${c.registered.actionType} vs ${c.incoming.resource}/${c.incoming.actionType} → ${c.want}`, () => {
    assert.equal(eventMatches(c.registered, c.incoming), c.want);
  });
}

const hints: QueueingHintMap = new Map<string, ClusterEventWithHint[]>([
  ['NodeResourcesFit', [{ event: nodeAdd }, { event: { resource: 'Pod', actionType: ActionType.Delete } }]],
  ['TaintToleration', [{ event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint }, queueingHint: (_p, _o, n) => ((n as { ok?: boolean })?.ok ? 'Queue' : 'QueueSkip') }]],
  ['Throws', [{ event: nodeAdd, queueingHint: () => { throw new Error('boom'); } }]],
  ['Waiter', [{ event: nodeAdd }]],
]);

const cases: { name: string; rejected?: string[]; pending?: string[]; event: ClusterEvent; newObj?: unknown; map?: QueueingHintMap | null; want: QueueingStrategy }[] = [
  { name: 'no rejecting plugin (an error): always', event: nodeLabel, want: 'afterBackoff' },
  { name: 'registered, no hint', rejected: ['NodeResourcesFit'], event: nodeAdd, want: 'afterBackoff' },
  { name: 'registered via Pod for an AssignedPod event', rejected: ['NodeResourcesFit'], event: assignedPodDelete, want: 'afterBackoff' },
  { name: 'not registered for this event', rejected: ['NodeResourcesFit'], event: nodeLabel, want: 'skip' },
  { name: 'another plugin registered it', rejected: ['NodeAffinity'], event: nodeAdd, want: 'skip' },
  { name: 'hint says QueueSkip', rejected: ['TaintToleration'], event: nodeAdd, newObj: { ok: false }, want: 'skip' },
  { name: 'hint says Queue', rejected: ['TaintToleration'], event: nodeAdd, newObj: { ok: true }, want: 'afterBackoff' },
  { name: 'a throwing hint counts as Queue', rejected: ['Throws'], event: nodeAdd, want: 'afterBackoff' },
  { name: 'a Pending plugin that says Queue skips backoff', rejected: ['NodeResourcesFit'], pending: ['Waiter'], event: nodeAdd, want: 'immediately' },
  { name: 'Pending plugin silent, rejecting one says Queue', rejected: ['NodeResourcesFit'], pending: ['TaintToleration'], event: nodeAdd, newObj: { ok: false }, want: 'afterBackoff' },
  { name: 'wildcard event moves every pod', rejected: ['NodeAffinity'], event: EVENT_UNSCHEDULABLE_TIMEOUT, want: 'afterBackoff' },
  { name: 'ForceActivate for this pod', rejected: ['NodeAffinity'], event: EVENT_FORCE_ACTIVATE, newObj: makePod('me').obj(), want: 'afterBackoff' },
  { name: 'ForceActivate for another pod', rejected: ['NodeAffinity'], event: EVENT_FORCE_ACTIVATE, newObj: makePod('other').obj(), want: 'skip' },
  { name: 'no map for the profile: moves', rejected: ['NodeAffinity'], event: nodeLabel, map: null, want: 'afterBackoff' },
];
for (const c of cases) {
  test(`isPodWorthRequeuing: ${c.name}`, () => {
    const p = newQueuedPodInfo(makePod('me').obj(), 0);
    for (const x of c.rejected ?? []) p.unschedulablePlugins.add(x);
    for (const x of c.pending ?? []) p.pendingPlugins.add(x);
    const map = c.map === null ? undefined : (c.map ?? hints);
    assert.equal(isPodWorthRequeuing(map, p, c.event, undefined, c.newObj, nopLogger), c.want);
  });
}

test('isEventOfInterest: registered events, wildcards, and a missing map', () => {
  assert.equal(isEventOfInterest([hints], nodeAdd), true);
  assert.equal(isEventOfInterest([hints], { resource: 'PersistentVolume', actionType: ActionType.Add }), false);
  assert.equal(isEventOfInterest([hints], EVENT_UNSCHEDULABLE_TIMEOUT), true);
  assert.equal(isEventOfInterest([undefined], { resource: 'PersistentVolume', actionType: ActionType.Add }), true);
});
