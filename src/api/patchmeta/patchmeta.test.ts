import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { KNOWN_KINDS, PATCH_META_TABLE, patchExtensions, patchMetaFor, typeNameOf, type PatchMetaWalker } from './index.js';

const walk = (w: PatchMetaWalker, path: string): PatchMetaWalker =>
  path.split('.').reduce((at, f) => at.field(f).child, w);

interface Lookup {
  gvk: [string, string, string];
  path: string;
  field: string;
  merge: boolean;
  retainKeys?: boolean;
  mergeKey?: string;
}

const lookups: Lookup[] = [
  { gvk: ['apps', 'v1', 'Deployment'], path: 'spec.template.spec', field: 'containers', merge: true, mergeKey: 'name' },
  { gvk: ['apps', 'v1', 'Deployment'], path: 'spec.template.spec.containers', field: 'env', merge: true, mergeKey: 'name' },
  { gvk: ['apps', 'v1', 'Deployment'], path: 'spec.template.spec.containers', field: 'ports', merge: true, mergeKey: 'containerPort' },
  { gvk: ['apps', 'v1', 'Deployment'], path: 'spec.template.spec.initContainers', field: 'volumeMounts', merge: true, mergeKey: 'mountPath' },
  { gvk: ['apps', 'v1', 'Deployment'], path: 'spec.template.spec', field: 'volumes', merge: true, retainKeys: true, mergeKey: 'name' },
  { gvk: ['apps', 'v1', 'Deployment'], path: 'spec', field: 'strategy', merge: false, retainKeys: true },
  { gvk: ['apps', 'v1', 'Deployment'], path: 'spec.template.spec', field: 'tolerations', merge: false },
  { gvk: ['apps', 'v1', 'Deployment'], path: 'status', field: 'conditions', merge: true, mergeKey: 'type' },
  { gvk: ['batch', 'v1', 'CronJob'], path: 'spec.jobTemplate.spec.template.spec', field: 'imagePullSecrets', merge: true, mergeKey: 'name' },
  { gvk: ['', 'v1', 'Pod'], path: 'spec', field: 'hostAliases', merge: true, mergeKey: 'ip' },
  { gvk: ['', 'v1', 'Pod'], path: 'metadata', field: 'finalizers', merge: true },
  { gvk: ['', 'v1', 'Pod'], path: 'metadata', field: 'ownerReferences', merge: true, mergeKey: 'uid' },
  { gvk: ['', 'v1', 'Service'], path: 'spec', field: 'ports', merge: true, mergeKey: 'port' },
  { gvk: ['', 'v1', 'Node'], path: 'status', field: 'addresses', merge: true, mergeKey: 'type' },
  { gvk: ['', 'v1', 'Endpoints'], path: 'metadata', field: 'labels', merge: false },
  { gvk: ['', 'v1', 'Endpoints'], path: 'subsets', field: 'addresses', merge: false },
  { gvk: ['', 'v1', 'ConfigMap'], path: 'metadata', field: 'finalizers', merge: true },
  { gvk: ['policy', 'v1', 'PodDisruptionBudget'], path: 'status', field: 'conditions', merge: true, mergeKey: 'type' },
  { gvk: ['autoscaling', 'v2', 'HorizontalPodAutoscaler'], path: 'status', field: 'conditions', merge: true, mergeKey: 'type' },
  { gvk: ['apps', 'v1', 'StatefulSet'], path: 'spec', field: 'volumeClaimTemplates', merge: false },
];

describe('patchMetaFor', () => {
  for (const l of lookups) {
    it(`${l.gvk.join('/')} ${l.path}.${l.field}`, () => {
      const root = patchMetaFor(...l.gvk);
      assert.ok(root);
      const fm = walk(root, l.path).field(l.field);
      assert.equal(fm.merge, l.merge);
      assert.equal(fm.retainKeys, l.retainKeys ?? false);
      assert.equal(fm.mergeKey, l.mergeKey);
    });
  }

  it('answers undefined for kinds without metadata (custom resources)', () => {
    assert.equal(patchMetaFor('example.com', 'v1', 'Widget'), undefined);
    assert.equal(patchMetaFor('apps', 'v1', 'Pod'), undefined);
  });

  it('names types the OpenAPI way', () => {
    assert.equal(typeNameOf('', 'v1', 'Pod'), 'io.k8s.api.core.v1.Pod');
    assert.equal(typeNameOf('rbac.authorization.k8s.io', 'v1', 'Role'), 'io.k8s.api.rbac.v1.Role');
  });
});

describe('patchExtensions', () => {
  const cases: [string, string, object | undefined][] = [
    ['io.k8s.api.core.v1.PodSpec', 'containers', { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
    ['io.k8s.api.core.v1.PodSpec', 'volumes', { 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
    ['io.k8s.api.core.v1.Container', 'ports', { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] }],
    ['io.k8s.api.apps.v1.DeploymentSpec', 'strategy', { 'x-kubernetes-patch-strategy': 'retainKeys' }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers', { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' }],
    ['io.k8s.api.core.v1.PodSpec', 'tolerations', { 'x-kubernetes-list-type': 'atomic' }],
    ['io.k8s.api.batch.v1.JobStatus', 'conditions', { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'type', 'x-kubernetes-list-type': 'atomic' }],
    ['io.k8s.api.core.v1.PodSpec', 'nodeName', undefined],
    ['io.k8s.api.apps.v1.Deployment', 'metadata', undefined],
    ['io.k8s.api.core.v1.Nope', 'x', undefined],
  ];
  for (const [type, field, want] of cases) {
    it(`${type}.${field}`, () => assert.deepEqual(patchExtensions(type, field), want));
  }
});

/** The declarations of kubernetes-types: interface name → field → declared type text. */
const typesDir = dirname(createRequire(import.meta.url).resolve('kubernetes-types/package.json'));
const declCache = new Map<string, Map<string, Map<string, string>>>();
function declarations(modulePath: string): Map<string, Map<string, string>> {
  let out = declCache.get(modulePath);
  if (out) return out;
  out = new Map();
  const text = readFileSync(join(typesDir, `${modulePath}.d.ts`), 'utf8');
  for (const m of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const fields = new Map<string, string>();
    for (const f of m[2].matchAll(/^\s+(?:readonly )?(\w+)\??: (.+);$/gm)) fields.set(f[1], f[2]);
    out.set(m[1], fields);
  }
  declCache.set(modulePath, out);
  return out;
}

function declOf(typeName: string): Map<string, string> | undefined {
  const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
  const [modulePath, name] = typeName.startsWith(meta)
    ? ['meta/v1', typeName.slice(meta.length)]
    : [typeName.replace(/^io\.k8s\.api\./, '').split('.').slice(0, -1).join('/'), typeName.split('.').pop() as string];
  return declarations(modulePath).get(name);
}

describe('the table agrees with kubernetes-types', () => {
  for (const [typeName, fields] of Object.entries(PATCH_META_TABLE)) {
    it(typeName, () => {
      const decl = declOf(typeName);
      assert.ok(decl, `${typeName} is declared`);
      for (const [field, spec] of Object.entries(fields)) {
        const declared: string | undefined = decl.get(field);
        assert.ok(declared, `${typeName}.${field} is declared`);
        if (spec.listType || spec.mergeKey) assert.match(declared, /^Array<|\[\]$/, `${typeName}.${field} is a list`);
        if (spec.type) {
          const simple: string = declared.replace(/^Array<(.+)>$/, '$1');
          assert.equal(simple, spec.type.split('.').pop(), `${typeName}.${field} type`);
        }
      }
    });
  }

  it('every known kind is declared', () => {
    for (const [gv, kinds] of Object.entries(KNOWN_KINDS)) {
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      for (const kind of kinds) assert.ok(declOf(typeNameOf(group, version, kind)), `${gv} ${kind}`);
    }
  });
});
