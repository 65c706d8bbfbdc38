import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, InterPodAffinity, type InterPodAffinityArgs } from './index.js';
import { HOSTNAME, nsSelector, REGION, term, testHandle, ZONE } from './testing.js';

interface Case {
  name: string;
  pod: Pod;
  pods?: Pod[];
  nodes: Node[];
  args?: InterPodAffinityArgs;
  namespaces?: Record<string, Record<string, string>>;
  preScore?: Code;
  /** Raw Score per node, then after NormalizeScore. */
  raw?: Record<string, number>;
  want?: Record<string, number>;
}

const zoneNode = (name: string, zone: string): Node => makeNode(name).label(ZONE, zone).obj();
const threeNodes = (): Node[] => [zoneNode('n1', 'z1'), zoneNode('n2', 'z1'), zoneNode('n3', 'z2')];
const labelled = (name: string, node: string, labels: Record<string, string>, ns = 'default'): Pod => {
  const w = makePod(name, ns).node(node);
  for (const [k, v] of Object.entries(labels)) w.label(k, v);
  return w.obj();
};

const cases: Case[] = [
  {
    name: 'no pods with affinity and no preferred terms: Skip',
    pod: makePod('p').label('app', 'web').obj(),
    pods: [labelled('w', 'n1', { app: 'web' })],
    nodes: threeNodes(),
    preScore: Code.Skip,
  },
  {
    name: 'preferred terms that match no pod: Skip',
    pod: makePod('p').preferredPodAffinity(5, term('app', ['web'], ZONE)).obj(),
    pods: [labelled('d', 'n1', { app: 'db' })],
    nodes: threeNodes(),
    preScore: Code.Skip,
  },
  {
    name: 'preferred affinity: the zone of the matching pod scores highest',
    pod: makePod('p').preferredPodAffinity(5, term('app', ['web'], ZONE)).obj(),
    pods: [labelled('w', 'n3', { app: 'web' })],
    nodes: threeNodes(),
    raw: { n1: 0, n2: 0, n3: 5 },
    want: { n1: 0, n2: 0, n3: 100 },
  },
  {
    name: 'preferred affinity: weights add up per domain and across terms',
    pod: makePod('p')
      .preferredPodAffinity(5, term('app', ['web'], ZONE))
      .preferredPodAffinity(3, term('tier', ['cache'], HOSTNAME))
      .obj(),
    pods: [labelled('w1', 'n1', { app: 'web' }), labelled('w2', 'n2', { app: 'web', tier: 'cache' }), labelled('c', 'n3', { tier: 'cache' })],
    nodes: threeNodes(),
    raw: { n1: 10, n2: 13, n3: 3 },
    want: { n1: 70, n2: 100, n3: 0 },
  },
  {
    name: 'preferred anti-affinity: the zone of the matching pod scores lowest',
    pod: makePod('p').preferredPodAffinity(5, term('app', ['web'], ZONE), true).obj(),
    pods: [labelled('w', 'n1', { app: 'web' })],
    nodes: threeNodes(),
    raw: { n1: -5, n2: -5, n3: 0 },
    want: { n1: 0, n2: 0, n3: 100 },
  },
  {
    name: 'affinity and anti-affinity mixed; a node without the key scores 0 before normalizing',
    pod: makePod('p')
      .preferredPodAffinity(5, term('app', ['web'], ZONE))
      .preferredPodAffinity(3, term('app', ['db'], ZONE), true)
      .obj(),
    pods: [labelled('w', 'n1', { app: 'web' }), labelled('d', 'n3', { app: 'db' })],
    nodes: [zoneNode('n1', 'z1'), zoneNode('n3', 'z2'), makeNode('n4').obj()],
    raw: { n1: 5, n3: -3, n4: 0 },
    want: { n1: 100, n3: 0, n4: 37 },
  },
  {
    name: 'preferred affinity with a namespaceSelector',
    pod: makePod('p').preferredPodAffinity(4, term('app', ['web'], HOSTNAME, { namespaceSelector: nsSelector({ team: 'a' }) })).obj(),
    pods: [labelled('w1', 'n1', { app: 'web' }, 'team-a'), labelled('w2', 'n2', { app: 'web' }, 'team-b')],
    nodes: threeNodes(),
    namespaces: { 'team-a': { team: 'a' }, 'team-b': { team: 'b' } },
    raw: { n1: 4, n2: 0, n3: 0 },
    want: { n1: 100, n2: 0, n3: 0 },
  },
  {
    name: "existing pod's required affinity scores with hardPodAffinityWeight (default 1)",
    pod: makePod('p').label('app', 'web').obj(),
    pods: [makePod('x').podAffinity(term('app', ['web'], ZONE)).node('n3').obj()],
    nodes: threeNodes(),
    raw: { n1: 0, n2: 0, n3: 1 },
    want: { n1: 0, n2: 0, n3: 100 },
  },
  {
    name: "existing pod's required affinity with hardPodAffinityWeight 0 is ignored",
    pod: makePod('p').label('app', 'web').obj(),
    pods: [makePod('x').podAffinity(term('app', ['web'], ZONE)).node('n3').obj()],
    nodes: threeNodes(),
    args: { hardPodAffinityWeight: 0 },
    preScore: Code.Skip,
  },
  {
    name: "existing pods' preferred affinity and anti-affinity terms matching the incoming pod",
    pod: makePod('p').label('app', 'web').obj(),
    pods: [
      makePod('a').preferredPodAffinity(7, term('app', ['web'], HOSTNAME)).node('n1').obj(),
      makePod('b').preferredPodAffinity(2, term('app', ['web'], ZONE), true).node('n2').obj(),
    ],
    nodes: threeNodes(),
    raw: { n1: 5, n2: -2, n3: 0 },
    want: { n1: 100, n2: 0, n3: 28 },
  },
  {
    name: "existing pod's preferred term selecting the incoming pod's namespace by labels",
    pod: makePod('p', 'prod').label('app', 'web').obj(),
    pods: [makePod('a', 'other').preferredPodAffinity(7, term('app', ['web'], REGION, { namespaceSelector: nsSelector({ env: 'prod' }) })).node('n1').obj()],
    nodes: [makeNode('n1').label(REGION, 'r1').obj(), makeNode('n2').label(REGION, 'r1').obj(), makeNode('n3').label(REGION, 'r2').obj()],
    namespaces: { prod: { env: 'prod' } },
    raw: { n1: 7, n2: 7, n3: 0 },
    want: { n1: 100, n2: 100, n3: 0 },
  },
  {
    name: "ignorePreferredTermsOfExistingPods: existing pods' terms are not scored",
    pod: makePod('p').label('app', 'web').obj(),
    pods: [makePod('a').preferredPodAffinity(7, term('app', ['web'], HOSTNAME)).node('n1').obj()],
    nodes: threeNodes(),
    args: { ignorePreferredTermsOfExistingPods: true },
    preScore: Code.Skip,
  },
  {
    name: "ignorePreferredTermsOfExistingPods: with terms of its own the pod is scored, existing pods' terms too",
    pod: makePod('p').label('app', 'web').preferredPodAffinity(1, term('app', ['web'], ZONE)).obj(),
    pods: [makePod('a').label('app', 'web').preferredPodAffinity(7, term('app', ['web'], HOSTNAME)).node('n1').obj()],
    nodes: threeNodes(),
    args: { ignorePreferredTermsOfExistingPods: true },
    raw: { n1: 8, n2: 1, n3: 0 },
    want: { n1: 100, n2: 12, n3: 0 },
  },
  {
    name: 'equal raw scores normalize to 0',
    pod: makePod('p').preferredPodAffinity(5, term('app', ['web'], REGION)).obj(),
    pods: [labelled('w', 'n1', { app: 'web' })],
    nodes: [makeNode('n1').label(REGION, 'r').obj(), makeNode('n2').label(REGION, 'r').obj()],
    raw: { n1: 5, n2: 5 },
    want: { n1: 0, n2: 0 },
  },
];

for (const c of cases) {
  test(`InterPodAffinity.score: ${c.name}`, () => {
    const handle = testHandle(c.pods ?? [], c.nodes, c.namespaces);
    const pl = factory(c.args, handle) as InterPodAffinity;
    const state = new CycleState();
    const nodes = handle.snapshot().list();
    const status = pl.preScore(state, c.pod, nodes);
    assert.equal(status.code, c.preScore ?? Code.Success);
    if (status.isSkip()) return;
    const scores: NodeScore[] = nodes.map((ni) => {
      const r = pl.score(state, c.pod, ni);
      assert.ok(r.status.isSuccess());
      return { name: ni.name, score: r.score };
    });
    assert.deepEqual(Object.fromEntries(scores.map((s) => [s.name, s.score])), c.raw);
    assert.ok(pl.scoreExtensions().normalizeScore(state, c.pod, scores).isSuccess());
    assert.deepEqual(Object.fromEntries(scores.map((s) => [s.name, s.score])), c.want);
  });
}

test('InterPodAffinity args: defaults and validation', () => {
  const pl = factory(undefined, testHandle([], [])) as InterPodAffinity;
  assert.deepEqual(pl.args, { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
  assert.throws(() => factory({ hardPodAffinityWeight: 101 }, testHandle([], [])), /hardPodAffinityWeight: Invalid value: 101: not in valid range \[0-100\]/);
  assert.throws(() => factory({ hardPodAffinityWeight: -1 }, testHandle([], [])), /not in valid range/);
});
