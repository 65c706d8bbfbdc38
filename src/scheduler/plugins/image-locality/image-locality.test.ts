import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle, NodeScore } from '../../framework/interface.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, ImageLocality, NAME, normalizedImageName } from './index.js';

const MB = 1024 * 1024;
const img = (sizeMB: number, ...names: string[]) => ({ names, sizeBytes: sizeMB * MB });
/** A pod with one container per image. */
const pod = (...images: string[]): Pod => {
  const p = makePod('p').obj();
  p.spec!.containers = images.map((image, i) => ({ name: `c${i}`, image }));
  return p;
};

const n1 = (): Node => makeNode('n1').images([img(40, 'gcr.io/40:latest', 'gcr.io/40:v1'), img(300, 'gcr.io/300:latest')]).obj();
const n2 = (): Node => makeNode('n2').images([img(250, 'gcr.io/250:latest'), img(10, 'gcr.io/10:v1')]).obj();

const cases: { name: string; pod: Pod; nodes: Node[]; want: NodeScore[] }[] = [
  {
    // n1: 40/2 = 20 MB < 23 MB → 0. n2: 250/2 = 125 MB → 100 · (125 - 23) / (2000 - 23) = 5.
    name: 'two images spread on two nodes, prefer the larger image one',
    pod: pod('gcr.io/40', 'gcr.io/250'),
    nodes: [n1(), n2()],
    want: [{ name: 'n1', score: 0 }, { name: 'n2', score: 5 }],
  },
  {
    // n1: (40 + 300) / 2 = 170 MB → 100 · 147 / 1977 = 7.
    name: 'two images on one node, prefer this node',
    pod: pod('gcr.io/40', 'gcr.io/300'),
    nodes: [n1(), n2()],
    want: [{ name: 'n1', score: 7 }, { name: 'n2', score: 0 }],
  },
  {
    name: 'if exceed limit, use limit',
    pod: pod('gcr.io/2000'),
    nodes: [makeNode('n1').images([img(2000, 'gcr.io/2000:latest')]).obj()],
    want: [{ name: 'n1', score: 100 }],
  },
  {
    name: 'image smaller than the threshold does not count',
    pod: pod('gcr.io/10:v1'),
    nodes: [n1(), n2()],
    want: [{ name: 'n1', score: 0 }, { name: 'n2', score: 0 }],
  },
  {
    // 300 MB on every node: 100 · (300 - 23) / (1000 - 23) = 28.
    name: 'image on every node scores everywhere',
    pod: pod('gcr.io/300'),
    nodes: [makeNode('n1').images([img(300, 'gcr.io/300:latest')]).obj(), makeNode('n2').images([img(300, 'gcr.io/300:latest')]).obj()],
    want: [{ name: 'n1', score: 28 }, { name: 'n2', score: 28 }],
  },
  {
    // On 2 of 3 nodes: 300 · 2/3 = 200 MB → 100 · 177 / 977 = 18.
    name: 'spread scales the size by the share of nodes that have the image',
    pod: pod('gcr.io/300'),
    nodes: [
      makeNode('n1').images([img(300, 'gcr.io/300:latest')]).obj(),
      makeNode('n2').images([img(300, 'gcr.io/300:latest')]).obj(),
      makeNode('n3').obj(),
    ],
    want: [{ name: 'n1', score: 18 }, { name: 'n2', score: 18 }, { name: 'n3', score: 0 }],
  },
  {
    // "registry:5000/app" has no tag (the ":" is the registry port) → ":latest". 500 MB → 100 · 477 / 977 = 48.
    name: 'registry port is not a tag',
    pod: pod('registry:5000/app'),
    nodes: [makeNode('n1').images([img(500, 'registry:5000/app:latest')]).obj()],
    want: [{ name: 'n1', score: 48 }],
  },
  {
    name: 'a tag other than the node has does not match',
    pod: pod('gcr.io/300:v2'),
    nodes: [n1()],
    want: [{ name: 'n1', score: 0 }],
  },
];

function run(p: Pod, nodes: Node[]): NodeScore[] {
  const snap = newTestSnapshot([], nodes);
  const plugin = factory(undefined, { snapshot: () => snap } as unknown as Handle) as ImageLocality;
  return nodes.map((n) => ({ name: n.metadata!.name!, score: plugin.score(new CycleState(), p, snap.get(n.metadata!.name!)!).score }));
}

for (const c of cases) {
  test(`ImageLocality.score: ${c.name}`, () => assert.deepEqual(run(c.pod, c.nodes), c.want));
}

test('ImageLocality.score: init container images count, and so does their container in the threshold', () => {
  // Init image 600 MB + container image 600 MB on the only node: 1200 MB of 2000 → 100 · 1177 / 1977 = 59.
  const p = pod('gcr.io/b');
  p.spec!.initContainers = [{ name: 'init', image: 'gcr.io/a' }];
  const nodes = [makeNode('n1').images([img(600, 'gcr.io/a:latest'), img(600, 'gcr.io/b:latest')]).obj()];
  assert.deepEqual(run(p, nodes), [{ name: 'n1', score: 59 }]);
});

const names: [string, string][] = [
  ['nginx', 'nginx:latest'],
  ['nginx:1.25', 'nginx:1.25'],
  ['gcr.io/a/b', 'gcr.io/a/b:latest'],
  ['localhost:5000/app', 'localhost:5000/app:latest'],
  ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
];
for (const [name, want] of names) test(`normalizedImageName(${name})`, () => assert.equal(normalizedImageName(name), want));

test('factory builds ImageLocality under its upstream name', () => {
  const plugin = factory(undefined, {} as Handle);
  assert.ok(plugin instanceof ImageLocality);
  assert.equal(NAME, 'ImageLocality');
  assert.equal(plugin.name, NAME);
});
