import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from 'kubernetes-types/core/v1.js';
import { errorMessage, type ErrorList } from '../../../machinery/validation/field.js';
import { defaultService } from './defaults.js';
import { validateService, validateServiceUpdate } from './service-validation.js';

const summary = (errs: ErrorList): string[] => errs.map((e) => `${e.field}: ${errorMessage(e)}`);

const svc = (spec: Service['spec']): Service => ({ metadata: { name: 'web', namespace: 'default' }, spec });

const defaults: { name: string; spec: Service['spec']; want: Service['spec'] }[] = [
  {
    name: 'ClusterIP',
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    want: {
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    },
  },
  {
    name: 'NodePort gets externalTrafficPolicy',
    spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] },
    want: {
      type: 'NodePort',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    },
  },
  {
    name: 'ClientIP affinity timeout',
    spec: { sessionAffinity: 'ClientIP', ports: [{ port: 53, protocol: 'UDP' }] },
    want: {
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      type: 'ClusterIP',
      ports: [{ port: 53, protocol: 'UDP', targetPort: 53 }],
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    },
  },
];
for (const c of defaults) {
  test(`defaultService: ${c.name}`, () => {
    const s = svc(c.spec);
    defaultService(s);
    assert.deepEqual(s.spec, c.want);
  });
}

const invalid: { name: string; spec: Service['spec']; want: string[] }[] = [
  { name: 'valid', spec: { ports: [{ port: 80 }] }, want: [] },
  { name: 'no ports', spec: { ports: [] }, want: ['spec.ports: Required value'] },
  {
    name: 'two unnamed ports',
    spec: { ports: [{ port: 80 }, { port: 443 }] },
    want: ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
  },
  { name: 'bad port', spec: { ports: [{ port: 0 }] }, want: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive'] },
  { name: 'nodePort on ClusterIP', spec: { ports: [{ port: 80, nodePort: 30080 }] }, want: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"] },
  { name: 'bad type', spec: { type: 'Magic', ports: [{ port: 80 }] }, want: ['spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'] },
  { name: 'bad selector', spec: { ports: [{ port: 80 }], selector: { app: 'a b' } }, want: [
    `spec.selector: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ] },
];
for (const c of invalid) {
  test(`validateService: ${c.name}`, () => {
    const s = svc(c.spec);
    defaultService(s);
    assert.deepEqual(summary(validateService(s)), c.want);
  });
}

test('validateService: the name is a DNS-1035 label', () => {
  const s = svc({ ports: [{ port: 80 }] });
  s.metadata!.name = '1web';
  defaultService(s);
  assert.deepEqual(validateService(s).map((e) => e.field), ['metadata.name']);
});

test('validateServiceUpdate: clusterIP may not change', () => {
  const old = svc({ ports: [{ port: 80 }], clusterIP: '10.96.0.10' });
  defaultService(old);
  const next = structuredClone(old);
  next.spec!.clusterIP = '10.96.0.11';
  next.spec!.clusterIPs = ['10.96.0.11'];
  assert.deepEqual(summary(validateServiceUpdate(next, old)), ['spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set']);
});
