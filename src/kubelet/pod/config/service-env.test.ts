import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podServiceEnv, serviceEnvVars } from './service-env.js';
import { MemoryConfigSource, service } from './testing.js';

test('serviceEnvVars: host, ports (named ones too) and the Docker-link variables, in upstream order', () => {
  const svc = service('ns1', 'my-db', '10.96.0.7', [
    { port: 5432, name: 'pg' },
    { port: 53, name: 'dns-udp', protocol: 'UDP' },
  ]);
  assert.deepEqual(serviceEnvVars([svc]), [
    ['MY_DB_SERVICE_HOST', '10.96.0.7'],
    ['MY_DB_SERVICE_PORT', '5432'],
    ['MY_DB_SERVICE_PORT_PG', '5432'],
    ['MY_DB_SERVICE_PORT_DNS_UDP', '53'],
    ['MY_DB_PORT', 'tcp://10.96.0.7:5432'],
    ['MY_DB_PORT_5432_TCP', 'tcp://10.96.0.7:5432'],
    ['MY_DB_PORT_5432_TCP_PROTO', 'tcp'],
    ['MY_DB_PORT_5432_TCP_PORT', '5432'],
    ['MY_DB_PORT_5432_TCP_ADDR', '10.96.0.7'],
    ['MY_DB_PORT_53_UDP', 'udp://10.96.0.7:53'],
    ['MY_DB_PORT_53_UDP_PROTO', 'udp'],
    ['MY_DB_PORT_53_UDP_PORT', '53'],
    ['MY_DB_PORT_53_UDP_ADDR', '10.96.0.7'],
  ]);
});

const skipped: [string, string][] = [
  ['headless (None)', 'None'],
  ['no cluster IP (ExternalName)', ''],
];
for (const [name, ip] of skipped) {
  test(`serviceEnvVars: a service with ${name} gives no variables`, () => {
    assert.deepEqual(serviceEnvVars([service('ns1', 'h', ip, [{ port: 80 }])]), []);
  });
}

test('serviceEnvVars: IPv6 cluster IPs are bracketed in URLs', () => {
  const env = new Map(serviceEnvVars([service('ns1', 'v6', 'fd00::10', [{ port: 80 }])]));
  assert.equal(env.get('V6_PORT'), 'tcp://[fd00::10]:80');
  assert.equal(env.get('V6_PORT_80_TCP_ADDR'), 'fd00::10');
});

const k8s = service('default', 'kubernetes', '10.96.0.1', [{ port: 443, name: 'https' }]);
const other = service('default', 'other', '10.96.0.2', [{ port: 80 }]);
const mine = service('ns1', 'api', '10.96.0.3', [{ port: 8080 }]);
const shadow = service('ns1', 'kubernetes', '10.96.0.99', [{ port: 443 }]);

const podCases: { name: string; ns: string; links: boolean; services: ReturnType<typeof service>[]; hosts: Record<string, string | undefined> }[] = [
  { name: 'links on: own namespace plus the master service', ns: 'ns1', links: true, services: [k8s, other, mine], hosts: { KUBERNETES: '10.96.0.1', API: '10.96.0.3', OTHER: undefined } },
  { name: 'links off: only the master service', ns: 'ns1', links: false, services: [k8s, other, mine], hosts: { KUBERNETES: '10.96.0.1', API: undefined } },
  { name: 'in default with links: every default service', ns: 'default', links: true, services: [k8s, other, mine], hosts: { KUBERNETES: '10.96.0.1', OTHER: '10.96.0.2', API: undefined } },
  { name: 'in default without links: the master service only', ns: 'default', links: false, services: [k8s, other], hosts: { KUBERNETES: '10.96.0.1', OTHER: undefined } },
  { name: "a namespace's own kubernetes service wins", ns: 'ns1', links: true, services: [k8s, shadow], hosts: { KUBERNETES: '10.96.0.99' } },
];
for (const c of podCases) {
  test(`podServiceEnv: ${c.name}`, async () => {
    const env = await podServiceEnv(new MemoryConfigSource({ services: c.services }), c.ns, c.links);
    for (const [svc, ip] of Object.entries(c.hosts)) assert.equal(env.get(`${svc}_SERVICE_HOST`), ip, svc);
  });
}
