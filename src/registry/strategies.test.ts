import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOG } from '../api/catalog.js';
import { STRATEGIES } from './strategies.js';
import { labelSelectorString, setSelectorString } from './strategies/scale.js';
import { jobStrategy } from './strategies/batch.js';
import type { KObject } from '../apiserver/registry/resource.js';

const keyOf = (group: string, resource: string): string => `${group}/${resource}`;

for (const c of CATALOG) {
  const key = keyOf(c.group, c.resource);
  test(`strategy for ${key} matches the catalog`, () => {
    const entry = STRATEGIES[key];
    assert.ok(entry, `missing strategy ${key}`);
    assert.equal(Boolean(entry.status), Boolean(c.status), 'status subresource');
    assert.equal(Boolean(entry.scale), Boolean(c.scale), 'scale subresource');
  });
}

test('no strategy without a catalog entry', () => {
  const keys = new Set(CATALOG.map((c) => keyOf(c.group, c.resource)));
  assert.deepEqual(Object.keys(STRATEGIES).filter((k) => !keys.has(k)), []);
});

const S = (key: string) => STRATEGIES[key]!;

/** Runs create the way the generic store does: prepare → defaults → validate. */
function create(key: string, obj: KObject): { obj: KObject; errs: string[] } {
  const s = S(key).strategy;
  s.prepareForCreate?.(obj);
  s.defaults?.(obj);
  return { obj, errs: s.validate(obj).map((e) => e.field) };
}

test('pods: create sets Pending, QoS and admission defaults, drops user status', () => {
  const { obj, errs } = create('/pods', {
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Running', podIP: '1.2.3.4' },
  });
  assert.deepEqual(errs, []);
  assert.deepEqual(obj.status, { phase: 'Pending', qosClass: 'BestEffort' });
  assert.equal(obj.spec.serviceAccountName, 'default');
});

test('pods: update keeps status; selectable fields', () => {
  const old: KObject = { metadata: { name: 'p', namespace: 'd', uid: 'u' }, spec: { nodeName: 'n1', containers: [] }, status: { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }] } };
  const next: KObject = { metadata: { name: 'p', namespace: 'd' }, spec: { nodeName: 'n1', containers: [] }, status: { phase: 'Failed' } };
  S('/pods').strategy.prepareForUpdate!(next, old);
  assert.equal(next.status.phase, 'Running');
  assert.equal(next.metadata.uid, 'u');
  const fields = S('/pods').strategy.selectableFields!(old);
  assert.equal(fields['spec.nodeName'], 'n1');
  assert.equal(fields['status.podIP'], '10.0.0.1');
  assert.equal(fields['spec.hostNetwork'], 'false');
});

test('status subresource keeps spec and labels from the stored object', () => {
  const old: KObject = { metadata: { name: 'd', labels: { a: '1' } }, spec: { replicas: 3 }, status: { replicas: 1 } };
  const next: KObject = { metadata: { name: 'd', labels: { a: '2' } }, spec: { replicas: 9 }, status: { replicas: 3 } };
  S('apps/deployments').status!.prepareForUpdate!(next, old);
  assert.deepEqual(next, { metadata: { name: 'd', labels: { a: '1' } }, spec: { replicas: 3 }, status: { replicas: 3 } });
});

test('namespaces: create is Active with the kubernetes finalizer and name label', () => {
  const { obj, errs } = create('/namespaces', { metadata: { name: 'team-a' }, status: { phase: 'Terminating' } });
  assert.deepEqual(errs, []);
  assert.deepEqual(obj.status, { phase: 'Active' });
  assert.deepEqual(obj.spec, { finalizers: ['kubernetes'] });
  assert.equal(obj.metadata.labels['kubernetes.io/metadata.name'], 'team-a');
});

test('services: update keeps the allocated clusterIP and node ports', () => {
  const old: KObject = { metadata: { name: 's' }, spec: { type: 'NodePort', clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], ports: [{ port: 80, protocol: 'TCP', nodePort: 30001 }] } };
  const next: KObject = { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP' }] } };
  S('/services').strategy.prepareForUpdate!(next, old);
  assert.equal(next.spec.clusterIP, '10.96.0.5');
  assert.equal(next.spec.ports[0].nodePort, 30001);
});

test('jobs: create generates the selector from a uid', () => {
  const s = jobStrategy({ newUID: () => 'fixed-uid' }).strategy;
  const obj: KObject = { metadata: { name: 'pi', namespace: 'default' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'perl' }] } } } };
  s.prepareForCreate!(obj);
  s.defaults!(obj);
  assert.deepEqual(s.validate(obj), []);
  assert.equal(obj.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'], 'fixed-uid');
  assert.equal(obj.metadata.labels['job-name'], 'pi');
});

const selectors: { name: string; sel: object | undefined; want: string }[] = [
  { name: 'empty', sel: {}, want: '' },
  { name: 'labels sorted', sel: { matchLabels: { tier: 'fe', app: 'web' } }, want: 'app=web,tier=fe' },
  {
    name: 'expressions',
    sel: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'canary', operator: 'DoesNotExist' }, { key: 'zone', operator: 'NotIn', values: ['b'] }, { key: 'app', operator: 'Exists' }] },
    want: 'app,!canary,env in (dev,prod),zone notin (b)',
  },
];
for (const c of selectors) test(`labelSelectorString: ${c.name}`, () => assert.equal(labelSelectorString(c.sel as never), c.want));

test('scale: deployments and replication controllers', () => {
  const d: KObject = { spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } }, status: { replicas: 2 } };
  assert.deepEqual(S('apps/deployments').scale!.toScale(d), { replicas: 3, statusReplicas: 2, selector: 'app=web' });
  S('apps/deployments').scale!.setReplicas(d, 5);
  assert.equal(d.spec.replicas, 5);
  const rc: KObject = { spec: { replicas: 1, selector: { b: '2', a: '1' } } };
  assert.equal(S('/replicationcontrollers').scale!.toScale(rc).selector, 'a=1,b=2');
  assert.equal(setSelectorString(undefined), '');
});

test('rolebindings: roleRef is immutable', () => {
  const old: KObject = { metadata: { name: 'rb', namespace: 'd' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'a' }, subjects: [] };
  const next = structuredClone(old);
  next.roleRef.name = 'b';
  assert.deepEqual(S('rbac.authorization.k8s.io/rolebindings').strategy.validateUpdate!(next, old).map((e) => e.field), ['roleRef']);
});

test('storageclasses: defaults', () => {
  const { obj, errs } = create('storage.k8s.io/storageclasses', { metadata: { name: 'std' }, provisioner: 'rancher.io/local-path' });
  assert.deepEqual(errs, []);
  assert.equal(obj.reclaimPolicy, 'Delete');
  assert.equal(obj.volumeBindingMode, 'Immediate');
});
