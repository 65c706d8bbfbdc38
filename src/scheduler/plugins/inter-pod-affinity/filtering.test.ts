import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code } from '../../framework/status.js';
import { PodInfo } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH as AFFINITY,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH as ANTI,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH as EXISTING_ANTI,
  factory,
  InterPodAffinity,
  NAME,
} from './index.js';
import { HOSTNAME, nsSelector, REGION, term, testHandle, ZONE } from './testing.js';

interface Want {
  code: Code;
  reasons?: string[];
}

interface Case {
  name: string;
  pod: Pod;
  pods?: Pod[];
  nodes: Node[];
  namespaces?: Record<string, Record<string, string>>;
  /** PreFilter's code (Success or Skip); Filter is not run on Skip. */
  preFilter?: Code;
  /** Filter verdict per node name. */
  want?: Record<string, Want>;
}

const OK: Want = { code: Code.Success };
const noAffinity: Want = { code: Code.UnschedulableAndUnresolvable, reasons: [AFFINITY] };
const noAnti: Want = { code: Code.Unschedulable, reasons: [ANTI] };
const existingAnti: Want = { code: Code.Unschedulable, reasons: [EXISTING_ANTI] };

const zoneNode = (name: string, zone: string): Node => makeNode(name).label(ZONE, zone).obj();
const twoZones = (): Node[] => [zoneNode('n1', 'z1'), zoneNode('n2', 'z1'), zoneNode('n3', 'z2')];
const web = (name: string, node: string, ns = 'default'): Pod => makePod(name, ns).label('app', 'web').node(node).obj();

const cases: Case[] = [
  {
    name: 'no affinity and no existing anti-affinity: Skip',
    pod: makePod('p').obj(),
    pods: [web('w', 'n1')],
    nodes: twoZones(),
    preFilter: Code.Skip,
  },
  {
    name: 'required affinity is satisfied in the zone of a matching pod',
    pod: makePod('p').podAffinity(term('app', ['web'], ZONE)).obj(),
    pods: [web('w', 'n1')],
    nodes: twoZones(),
    want: { n1: OK, n2: OK, n3: noAffinity },
  },
  {
    name: 'required affinity on hostname: only the node of the matching pod',
    pod: makePod('p').podAffinity(term('app', ['web'], HOSTNAME)).obj(),
    pods: [web('w', 'n1')],
    nodes: twoZones(),
    want: { n1: OK, n2: noAffinity, n3: noAffinity },
  },
  {
    name: 'required affinity: a node without the topology key never fits',
    pod: makePod('p').podAffinity(term('app', ['web'], ZONE)).obj(),
    pods: [web('w', 'n1')],
    nodes: [zoneNode('n1', 'z1'), makeNode('n2').obj()],
    want: { n1: OK, n2: noAffinity },
  },
  {
    name: 'required affinity with no matching pod, the pod does not match itself',
    pod: makePod('p').podAffinity(term('app', ['web'], ZONE)).obj(),
    pods: [makePod('x').label('app', 'db').node('n1').obj()],
    nodes: twoZones(),
    want: { n1: noAffinity, n2: noAffinity, n3: noAffinity },
  },
  {
    name: 'first pod of a group: matches its own terms and no pod matches anywhere',
    pod: makePod('p').label('app', 'web').podAffinity(term('app', ['web'], ZONE)).obj(),
    pods: [makePod('x').label('app', 'db').node('n1').obj()],
    nodes: [zoneNode('n1', 'z1'), zoneNode('n2', 'z2'), makeNode('n3').obj()],
    want: { n1: OK, n2: OK, n3: noAffinity },
  },
  {
    name: 'not the first pod: once a matching pod exists, only its domain fits',
    pod: makePod('p').label('app', 'web').podAffinity(term('app', ['web'], ZONE)).obj(),
    pods: [web('w', 'n3')],
    nodes: twoZones(),
    want: { n1: noAffinity, n2: noAffinity, n3: OK },
  },
  {
    name: 'a matching pod in another namespace does not count, so the first-pod exception applies',
    pod: makePod('p').label('app', 'web').podAffinity(term('app', ['web'], ZONE)).obj(),
    pods: [web('w', 'n3', 'other')],
    nodes: twoZones(),
    want: { n1: OK, n2: OK, n3: OK },
  },
  {
    name: 'several affinity terms: one pod must match all of them',
    pod: makePod('p')
      .podAffinity(term('app', ['web'], ZONE))
      .podAffinity(term('tier', ['front'], ZONE))
      .obj(),
    pods: [web('w', 'n1'), makePod('f').label('tier', 'front').node('n3').obj()],
    nodes: twoZones(),
    want: { n1: noAffinity, n2: noAffinity, n3: noAffinity },
  },
  {
    name: 'several affinity terms matched by one pod',
    pod: makePod('p')
      .podAffinity(term('app', ['web'], ZONE))
      .podAffinity(term('tier', ['front'], REGION))
      .obj(),
    pods: [makePod('w').label('app', 'web').label('tier', 'front').node('n1').obj()],
    nodes: [
      makeNode('n1').label(ZONE, 'z1').label(REGION, 'r1').obj(),
      makeNode('n2').label(ZONE, 'z1').label(REGION, 'r2').obj(),
      makeNode('n3').label(ZONE, 'z2').label(REGION, 'r1').obj(),
    ],
    want: { n1: OK, n2: noAffinity, n3: noAffinity },
  },
  {
    name: 'affinity term with explicit namespaces',
    pod: makePod('p').podAffinity(term('app', ['web'], ZONE, { namespaces: ['other'] })).obj(),
    pods: [web('w1', 'n1'), web('w2', 'n3', 'other')],
    nodes: twoZones(),
    want: { n1: noAffinity, n2: noAffinity, n3: OK },
  },
  {
    name: 'affinity term with a namespaceSelector',
    pod: makePod('p').podAffinity(term('app', ['web'], ZONE, { namespaceSelector: nsSelector({ team: 'a' }) })).obj(),
    pods: [web('w1', 'n1', 'team-b'), web('w2', 'n3', 'team-a')],
    nodes: twoZones(),
    namespaces: { 'team-a': { team: 'a' }, 'team-b': { team: 'b' } },
    want: { n1: noAffinity, n2: noAffinity, n3: OK },
  },
  {
    name: 'an empty namespaceSelector selects every namespace',
    pod: makePod('p').podAffinity(term('app', ['web'], HOSTNAME, { namespaceSelector: {} })).obj(),
    pods: [web('w1', 'n2', 'unknown-ns')],
    nodes: twoZones(),
    want: { n1: noAffinity, n2: OK, n3: noAffinity },
  },
  {
    name: 'required anti-affinity: not in the zone of a matching pod',
    pod: makePod('p').podAffinity(term('app', ['web'], ZONE), true).obj(),
    pods: [web('w', 'n1')],
    nodes: twoZones(),
    want: { n1: noAnti, n2: noAnti, n3: OK },
  },
  {
    name: 'required anti-affinity: a node without the topology key fits',
    pod: makePod('p').podAffinity(term('app', ['web'], ZONE), true).obj(),
    pods: [web('w', 'n1')],
    nodes: [zoneNode('n1', 'z1'), makeNode('n2').obj()],
    want: { n1: noAnti, n2: OK },
  },
  {
    name: 'required anti-affinity ignores pods of other namespaces',
    pod: makePod('p').podAffinity(term('app', ['web'], HOSTNAME), true).obj(),
    pods: [web('w', 'n1', 'other')],
    nodes: twoZones(),
    want: { n1: OK, n2: OK, n3: OK },
  },
  {
    name: 'anti-affinity to itself spreads one per node (the Deployment case)',
    pod: makePod('p').label('app', 'web').podAffinity(term('app', ['web'], HOSTNAME), true).obj(),
    pods: [
      makePod('w1').label('app', 'web').podAffinity(term('app', ['web'], HOSTNAME), true).node('n1').obj(),
      makePod('w2').label('app', 'web').podAffinity(term('app', ['web'], HOSTNAME), true).node('n3').obj(),
    ],
    nodes: twoZones(),
    want: { n1: noAnti, n2: OK, n3: noAnti },
  },
  {
    name: "existing pod's anti-affinity rejects the incoming pod in its zone",
    pod: makePod('p').label('app', 'web').obj(),
    pods: [makePod('db').podAffinity(term('app', ['web'], ZONE), true).node('n3').obj()],
    nodes: twoZones(),
    want: { n1: OK, n2: OK, n3: existingAnti },
  },
  {
    name: "existing pod's anti-affinity in another namespace does not select the incoming pod",
    pod: makePod('p').label('app', 'web').obj(),
    pods: [makePod('db', 'other').podAffinity(term('app', ['web'], ZONE), true).node('n3').obj()],
    nodes: twoZones(),
    preFilter: Code.Skip,
  },
  {
    name: "existing pod's anti-affinity selects the incoming pod's namespace by labels",
    pod: makePod('p', 'prod').label('app', 'web').obj(),
    pods: [makePod('db', 'other').podAffinity(term('app', ['web'], ZONE, { namespaceSelector: nsSelector({ env: 'prod' }) }), true).node('n3').obj()],
    nodes: twoZones(),
    namespaces: { prod: { env: 'prod' } },
    want: { n1: OK, n2: OK, n3: existingAnti },
  },
  {
    name: "existing pod's anti-affinity on a node without its topology key counts nowhere",
    pod: makePod('p').label('app', 'web').obj(),
    pods: [makePod('db').podAffinity(term('app', ['web'], REGION), true).node('n3').obj()],
    nodes: twoZones(),
    preFilter: Code.Skip,
  },
  {
    name: 'affinity satisfied but anti-affinity violated on the same node: the affinity check runs first',
    pod: makePod('p')
      .podAffinity(term('app', ['web'], ZONE))
      .podAffinity(term('app', ['web'], HOSTNAME), true)
      .obj(),
    pods: [web('w', 'n1')],
    nodes: twoZones(),
    want: { n1: noAnti, n2: OK, n3: noAffinity },
  },
];

function runPreFilter(c: Case): { pl: InterPodAffinity; state: CycleState; code: Code } {
  const handle = testHandle(c.pods ?? [], c.nodes, c.namespaces);
  const pl = factory(undefined, handle) as InterPodAffinity;
  const state = new CycleState();
  const { status } = pl.preFilter(state, c.pod, handle.snapshot().list());
  return { pl, state, code: status.code };
}

test('factory builds InterPodAffinity under its upstream name', () => {
  const pl = factory(undefined, testHandle([], []));
  assert.ok(pl instanceof InterPodAffinity);
  assert.equal(NAME, 'InterPodAffinity');
  assert.equal(pl.name, NAME);
});

for (const c of cases) {
  test(`InterPodAffinity.filter: ${c.name}`, () => {
    const { pl, state, code } = runPreFilter(c);
    assert.equal(code, c.preFilter ?? Code.Success);
    if (code === Code.Skip) return;
    const handle = testHandle(c.pods ?? [], c.nodes, c.namespaces);
    const got: Record<string, Want> = {};
    for (const ni of handle.snapshot().list()) {
      const s = pl.filter(state, c.pod, ni);
      got[ni.name] = s.isSuccess() ? OK : { code: s.code, reasons: [...s.reasons] };
    }
    assert.deepEqual(got, c.want);
  });
}

test('InterPodAffinity AddPod/RemovePod update the counts as preemption needs', () => {
  const victim = web('victim', 'n1');
  const c: Case = { name: '', pod: makePod('p').podAffinity(term('app', ['web'], HOSTNAME), true).obj(), pods: [victim], nodes: twoZones() };
  const { pl, state } = runPreFilter(c);
  const handle = testHandle(c.pods!, c.nodes);
  const n1 = handle.snapshot().get('n1')!;
  assert.equal(pl.filter(state, c.pod, n1).code, Code.Unschedulable);

  const removed = state.clone();
  const ext = pl.preFilterExtensions();
  assert.ok(ext.removePod(removed, c.pod, new PodInfo(victim), n1).isSuccess());
  assert.ok(pl.filter(removed, c.pod, n1).isSuccess(), 'after removing the victim');
  assert.equal(pl.filter(state, c.pod, n1).code, Code.Unschedulable, 'the original state is untouched');

  const n2 = handle.snapshot().get('n2')!;
  assert.ok(ext.addPod(removed, c.pod, new PodInfo(web('other', 'n2')), n2).isSuccess());
  assert.equal(pl.filter(removed, c.pod, n2).code, Code.Unschedulable, 'after adding a matching pod on n2');
});

test("InterPodAffinity AddPod counts an added pod's anti-affinity against the incoming pod", () => {
  const c: Case = { name: '', pod: makePod('p').label('app', 'web').podAffinity(term('app', ['web'], ZONE)).obj(), nodes: twoZones() };
  const { pl, state } = runPreFilter(c);
  const n3 = testHandle([], c.nodes).snapshot().get('n3')!;
  assert.ok(pl.filter(state, c.pod, n3).isSuccess(), 'first pod of its group');
  const db = new PodInfo(makePod('db').podAffinity(term('app', ['web'], ZONE), true).node('n3').obj());
  pl.preFilterExtensions().addPod(state, c.pod, db, n3);
  assert.deepEqual(pl.filter(state, c.pod, n3).reasons, [EXISTING_ANTI]);
});

test('InterPodAffinity AddPod after a skipped PreFilter is a no-op', () => {
  const state = new CycleState();
  state.skipFilterPlugins.add(NAME);
  const pl = factory(undefined, testHandle([], [])) as InterPodAffinity;
  const s = pl.addPod(state, makePod('p').obj(), new PodInfo(web('w', 'n1')), testHandle([], twoZones()).snapshot().get('n1')!);
  assert.ok(s.isSuccess());
});

test('InterPodAffinity.filter without PreFilter state is an Error', () => {
  const pl = factory(undefined, testHandle([], [])) as InterPodAffinity;
  assert.equal(pl.filter(new CycleState(), makePod('p').obj(), testHandle([], twoZones()).snapshot().get('n1')!).code, Code.Error);
});
