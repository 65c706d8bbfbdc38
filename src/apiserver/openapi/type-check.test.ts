import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTypeMismatch, typeMismatchMessage } from './index.js';

const CM = { group: '', version: 'v1', kind: 'ConfigMap' };
const DEPLOY = { group: 'apps', version: 'v1', kind: 'Deployment' };
const SVC = { group: '', version: 'v1', kind: 'Service' };

const cases: { name: string; gvk: typeof CM; obj: unknown; want?: string }[] = [
  { name: 'a number in ConfigMap.data', gvk: CM, obj: { data: { k: 7 } }, want: 'json: cannot unmarshal number into Go struct field ConfigMap.data of type string' },
  { name: 'a string for spec.replicas', gvk: DEPLOY, obj: { spec: { replicas: 'two' } }, want: 'json: cannot unmarshal string into Go struct field Deployment.spec.replicas of type integer' },
  { name: 'a string where a list is', gvk: DEPLOY, obj: { spec: { template: { spec: { containers: 'x' } } } }, want: 'json: cannot unmarshal string into Go struct field Deployment.spec.template.spec.containers of type array' },
  { name: 'a list item field (no index in the path)', gvk: DEPLOY, obj: { spec: { template: { spec: { containers: [{ name: 1 }] } } } }, want: 'json: cannot unmarshal number into Go struct field Deployment.spec.template.spec.containers.name of type string' },
  { name: 'quantities accept numbers and strings', gvk: DEPLOY, obj: { spec: { template: { spec: { containers: [{ name: 'a', resources: { limits: { cpu: 1, memory: '1Gi' } } }] } } } } },
  { name: 'int-or-string accepts both', gvk: SVC, obj: { spec: { ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 8081 }] } } },
  { name: 'null is always allowed', gvk: CM, obj: { metadata: { creationTimestamp: null }, data: null } },
];

for (const c of cases) {
  test(`type check: ${c.name}`, () => {
    const m = findTypeMismatch(c.gvk, c.obj);
    assert.equal(m ? typeMismatchMessage(c.gvk.kind, m) : undefined, c.want);
  });
}
