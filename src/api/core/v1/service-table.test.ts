import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import { endpointsTable, serviceTable } from './service-table.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'web', creationTimestamp: '2024-05-01T11:59:17Z' };

// [name, service, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), SELECTOR]
const cases: Array<[string, Service, string, string, string, string, string]> = [
  [
    'ClusterIP',
    { metadata, spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } } },
    'ClusterIP', '10.96.0.10', '<none>', '80/TCP', 'app=web',
  ],
  [
    'headless without ports',
    { metadata, spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] } },
    'ClusterIP', 'None', '<none>', '<none>', '<none>',
  ],
  [
    'NodePort with node ports',
    {
      metadata,
      spec: {
        type: 'NodePort',
        clusterIPs: ['10.96.1.2'],
        ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }],
      },
    },
    'NodePort', '10.96.1.2', '<none>', '80:30080/TCP,53:30053/UDP', '<none>',
  ],
  [
    'ClusterIP with externalIPs',
    { metadata, spec: { type: 'ClusterIP', clusterIPs: ['10.96.1.2'], externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 443 }] } },
    'ClusterIP', '10.96.1.2', '1.2.3.4,5.6.7.8', '443/TCP', '<none>',
  ],
  [
    'LoadBalancer pending',
    { metadata, spec: { type: 'LoadBalancer', clusterIPs: ['10.96.1.3'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] } },
    'LoadBalancer', '10.96.1.3', '<pending>', '80:31000/TCP', '<none>',
  ],
  [
    'LoadBalancer with ingress',
    {
      metadata,
      spec: { type: 'LoadBalancer', clusterIPs: ['10.96.1.3'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }, { hostname: 'lb.example.com' }] } },
    },
    'LoadBalancer', '10.96.1.3', '192.0.2.10,lb.example.com', '80:31000/TCP', '<none>',
  ],
  [
    'LoadBalancer ingress plus externalIPs',
    {
      metadata,
      spec: { type: 'LoadBalancer', clusterIPs: ['10.96.1.3'], externalIPs: ['1.1.1.1'], ports: [{ port: 80, nodePort: 31000 }] },
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } },
    },
    'LoadBalancer', '10.96.1.3', '192.0.2.10,1.1.1.1', '80:31000/TCP', '<none>',
  ],
  [
    'ExternalName',
    { metadata, spec: { type: 'ExternalName', externalName: 'db.example.com' } },
    'ExternalName', '<none>', 'db.example.com', '<none>', '<none>',
  ],
];

for (const [name, svc, type, clusterIP, externalIP, ports, selector] of cases) {
  test(`service cells: ${name}`, () => {
    assert.deepEqual(serviceTable.cells(svc, now), ['web', type, clusterIP, externalIP, ports, '43s', selector]);
  });
}

const epCases: Array<[string, Endpoints, string]> = [
  ['no subsets', { metadata }, '<none>'],
  ['one address, two ports', { metadata, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 443 }] }] }, '10.0.0.1:80,10.0.0.1:443'],
  ['headless without ports', { metadata, subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }] }, '10.0.0.1,10.0.0.2'],
  [
    'more than three',
    { metadata, subsets: [{ addresses: [1, 2, 3, 4, 5].map((i) => ({ ip: `10.0.0.${i}` })), ports: [{ port: 8080 }] }] },
    '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...',
  ],
  ['IPv6 bracketed', { metadata, subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] }, '[fd00::1]:80'],
];

for (const [name, ep, want] of epCases) {
  test(`endpoints cells: ${name}`, () => assert.deepEqual(endpointsTable.cells(ep, now), ['web', want, '43s']));
}
