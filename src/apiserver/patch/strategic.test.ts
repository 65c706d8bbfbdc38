import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patchMetaFor } from '../../api/patchmeta/index.js';
import { applyStrategicMergePatch } from './strategic.js';

const deployMeta = patchMetaFor('apps', 'v1', 'Deployment')!;
const podMeta = patchMetaFor('', 'v1', 'Pod')!;
const svcMeta = patchMetaFor('', 'v1', 'Service')!;

const deployment = (spec: object, metadata: object = { name: 'web' }): object => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata,
  spec: { replicas: 1, template: { metadata: { labels: { app: 'web' } }, spec } },
});
const podSpecOf = (o: any): any => o.spec.template.spec;

const main = { name: 'main', image: 'nginx:1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] };
const sidecar = { name: 'sidecar', image: 'envoy:1' };

interface Case {
  name: string;
  live: object;
  patch: object;
  meta?: typeof deployMeta;
  check: (out: any) => void;
}

const cases: Case[] = [
  {
    name: 'kubectl apply three-way patch: $setElementOrder, image change, env var added',
    live: deployment({ containers: [main, sidecar] }),
    patch: {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'main' }, { name: 'sidecar' }],
            containers: [
              {
                '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }],
                env: [{ name: 'B', value: 'b' }],
                image: 'nginx:2',
                name: 'main',
              },
            ],
          },
        },
      },
    },
    check: (out) => {
      const c = podSpecOf(out).containers;
      assert.deepEqual(c.map((x: any) => x.name), ['main', 'sidecar']);
      assert.equal(c[0].image, 'nginx:2');
      assert.deepEqual(c[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: 'b' }]);
      assert.deepEqual(c[0].ports, [{ containerPort: 80 }]);
      assert.deepEqual(c[1], sidecar);
      assert.equal(out.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], '{}\n');
      assert.equal(out.metadata.name, 'web');
    },
  },
  {
    name: 'kubectl set image',
    live: deployment({ containers: [main] }),
    patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'main' }], containers: [{ image: 'nginx:3', name: 'main' }] } } } },
    check: (out) => assert.deepEqual(podSpecOf(out).containers, [{ ...main, image: 'nginx:3' }]),
  },
  {
    name: 'delete a container with $patch: delete',
    live: deployment({ containers: [main, sidecar] }),
    patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
    check: (out) => assert.deepEqual(podSpecOf(out).containers, [main]),
  },
  {
    name: 'a new element lands before the server-only elements (no $setElementOrder), as upstream',
    live: deployment({ containers: [main] }),
    patch: { spec: { template: { spec: { containers: [sidecar] } } } },
    check: (out) => assert.deepEqual(podSpecOf(out).containers.map((c: any) => c.name), ['sidecar', 'main']),
  },
  {
    name: 'labels: null removes one, a value adds one',
    live: { metadata: { name: 'p', labels: { app: 'web', tier: 'x' } } },
    patch: { metadata: { labels: { tier: null, env: 'prod' } } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.metadata.labels, { app: 'web', env: 'prod' }),
  },
  {
    name: 'rollout pause/resume: null clears spec.paused',
    live: deployment({ containers: [main] }),
    patch: { spec: { paused: null, replicas: 3 } },
    check: (out) => {
      assert.equal('paused' in out.spec, false);
      assert.equal(out.spec.replicas, 3);
    },
  },
  {
    name: 'finalizers merge as a set',
    live: { metadata: { name: 'p', finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['b', 'c'] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.metadata.finalizers, ['a', 'b', 'c']),
  },
  {
    name: '$deleteFromPrimitiveList/finalizers',
    live: { metadata: { name: 'p', finalizers: ['a', 'b', 'c'] } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'c'] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.metadata.finalizers, ['a']),
  },
  {
    name: 'finalizers: $setElementOrder + $deleteFromPrimitiveList + added value (design doc example)',
    live: { metadata: { finalizers: ['b', 'e', 'a', 'c', 'd'] } },
    patch: { metadata: { '$setElementOrder/finalizers': ['a', 'b', 'f'], '$deleteFromPrimitiveList/finalizers': ['c'], finalizers: ['f'] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.metadata.finalizers, ['e', 'a', 'b', 'f', 'd']),
  },
  {
    name: 'ownerReferences merge by uid',
    live: { metadata: { ownerReferences: [{ uid: '1', name: 'a' }] } },
    patch: { metadata: { ownerReferences: [{ uid: '1', controller: true }, { uid: '2', name: 'b' }] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.metadata.ownerReferences, [{ uid: '1', name: 'a', controller: true }, { uid: '2', name: 'b' }]),
  },
  {
    name: 'volumes: $retainKeys switches the volume source',
    live: deployment({ containers: [main], volumes: [{ name: 'v', emptyDir: {} }, { name: 'w', emptyDir: {} }] }),
    patch: { spec: { template: { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'v', configMap: { name: 'cm' } }] } } } },
    check: (out) => assert.deepEqual(podSpecOf(out).volumes, [{ name: 'v', configMap: { name: 'cm' } }, { name: 'w', emptyDir: {} }]),
  },
  {
    name: 'Deployment strategy: $retainKeys drops rollingUpdate',
    live: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    check: (out) => assert.deepEqual(out.spec.strategy, { type: 'Recreate' }),
  },
  {
    name: '$patch: replace on a map',
    live: { metadata: { labels: { a: '1', b: '2' } } },
    patch: { metadata: { labels: { $patch: 'replace', c: '3' } } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.metadata.labels, { c: '3' }),
  },
  {
    name: '$patch: delete on a map removes it',
    live: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    patch: { spec: { strategy: { rollingUpdate: { $patch: 'delete' } } } },
    check: (out) => assert.deepEqual(out.spec.strategy, { type: 'RollingUpdate' }),
  },
  {
    name: '$patch: replace element replaces a merging list',
    live: deployment({ containers: [main, sidecar] }),
    patch: { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
    check: (out) => assert.deepEqual(podSpecOf(out).containers, [{ name: 'only', image: 'x' }]),
  },
  {
    name: 'container ports merge by containerPort',
    live: deployment({ containers: [{ name: 'main', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] }),
    patch: { spec: { template: { spec: { containers: [{ name: 'main', ports: [{ containerPort: 443, name: 'https' }, { containerPort: 8080 }] }] } } } },
    check: (out) =>
      assert.deepEqual(podSpecOf(out).containers[0].ports, [
        { containerPort: 80, name: 'http' },
        { containerPort: 443, name: 'https' },
        { containerPort: 8080 },
      ]),
  },
  {
    name: 'service ports merge by port',
    live: { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }], clusterIPs: ['10.96.0.5'] } },
    patch: { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
    meta: svcMeta,
    check: (out) => {
      assert.deepEqual(out.spec.ports, [{ port: 80, targetPort: 9090 }, { port: 443 }]);
      assert.deepEqual(out.spec.clusterIPs, ['10.96.0.5']);
    },
  },
  {
    name: 'atomic lists (tolerations, args) are replaced',
    live: { spec: { tolerations: [{ key: 'a' }], containers: [{ name: 'c', args: ['1', '2'] }] } },
    patch: { spec: { tolerations: [{ key: 'b' }], containers: [{ name: 'c', args: ['3'] }] } },
    meta: podMeta,
    check: (out) => {
      assert.deepEqual(out.spec.tolerations, [{ key: 'b' }]);
      assert.deepEqual(out.spec.containers[0].args, ['3']);
    },
  },
  {
    name: 'env order from the design doc: server-only items interleave by live position',
    live: { spec: { containers: [{ name: 'c', env: ['ENV2', 'ENV5', 'ENV1', 'ENV3', 'ENV4'].map((name) => ({ name })) }] } },
    patch: {
      spec: {
        containers: [
          {
            name: 'c',
            '$setElementOrder/env': [{ name: 'ENV1' }, { name: 'ENV2' }, { name: 'ENV6' }],
            env: [{ name: 'ENV3', $patch: 'delete' }, { name: 'ENV6', value: 'new-env' }],
          },
        ],
      },
    },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.spec.containers[0].env.map((e: any) => e.name), ['ENV5', 'ENV1', 'ENV2', 'ENV6', 'ENV4']),
  },
  {
    name: '$setElementOrder alone reorders and never adds elements',
    live: { spec: { containers: [{ name: 'b' }, { name: 'a' }] } },
    patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }, { name: 'ghost' }] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.spec.containers, [{ name: 'a' }, { name: 'b' }]),
  },
  {
    name: 'status conditions merge by type',
    live: { status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] } },
    patch: { status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.status.conditions, [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }]),
  },
  {
    name: 'nulls and directives inside a new element are cleaned',
    live: { spec: { containers: [] } },
    patch: { spec: { containers: [{ name: 'n', image: null, env: [{ name: 'X', value: 'y' }] }] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.spec.containers, [{ name: 'n', env: [{ name: 'X', value: 'y' }] }]),
  },
  {
    name: '$patch: merge is the default and is tolerated on maps and list elements',
    live: { spec: { containers: [{ name: 'c', image: 'a' }], securityContext: { runAsUser: 1 } } },
    patch: { spec: { securityContext: { $patch: 'merge', fsGroup: 2 }, containers: [{ name: 'c', image: 'b', $patch: 'merge' }] } },
    meta: podMeta,
    check: (out) => {
      assert.deepEqual(out.spec.securityContext, { runAsUser: 1, fsGroup: 2 });
      assert.deepEqual(out.spec.containers, [{ name: 'c', image: 'b' }]);
    },
  },
  {
    name: 'a merge list replaces a live value of another type',
    live: { spec: { containers: 'oops' } },
    patch: { spec: { containers: [{ name: 'c' }] } },
    meta: podMeta,
    check: (out) => assert.deepEqual(out.spec.containers, [{ name: 'c' }]),
  },
];

describe('strategic merge patch', () => {
  for (const c of cases) {
    it(c.name, () => {
      const live = structuredClone(c.live);
      const out = applyStrategicMergePatch(live, c.patch, c.meta ?? deployMeta);
      c.check(out);
      assert.deepEqual(live, c.live, 'the live object is not modified');
    });
  }
});

const errors: { name: string; patch: object; message: RegExp; code: number }[] = [
  {
    name: 'merge-key element without the key',
    patch: { spec: { containers: [{ image: 'nginx' }] } },
    message: /^map: map\[image:nginx\] does not contain declared merge key: name$/,
    code: 400,
  },
  {
    name: '$patch: delete element without the key',
    patch: { spec: { containers: [{ $patch: 'delete', image: 'x' }] } },
    message: /does not contain declared merge key: name/,
    code: 400,
  },
  { name: 'unknown $patch value', patch: { spec: { $patch: 'explode' } }, message: /^unknown patch type: explode in map/, code: 400 },
  { name: 'unknown directive', patch: { spec: { $frobnicate: 1 } }, message: /unknown strategic merge patch directive "\$frobnicate"/, code: 400 },
  {
    name: '$retainKeys contradicted by the patch',
    patch: { spec: { securityContext: { $retainKeys: ['a'], b: 1 } } },
    message: /patch content doesn't match retainKeys list/,
    code: 422,
  },
  {
    name: '$setElementOrder not covering the patch list',
    patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b' }] } },
    message: /invalid patch format of setElementOrder list/,
    code: 400,
  },
  { name: '$retainKeys not a list', patch: { spec: { $retainKeys: 'a' } }, message: /invalid patch format of retainKeys/, code: 400 },
  {
    name: '$deleteFromPrimitiveList not a list',
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
    message: /invalid patch format of primitive list/,
    code: 400,
  },
  { name: 'non-object patch', patch: [] as unknown as object, message: /must be a JSON object/, code: 400 },
];

describe('strategic merge patch errors', () => {
  for (const c of errors) {
    it(c.name, () => {
      assert.throws(
        () => applyStrategicMergePatch({ spec: { containers: [{ name: 'a' }] } }, c.patch, podMeta),
        (err: any) => err.name === 'PatchError' && err.code === c.code && c.message.test(err.message),
      );
    });
  }
});
