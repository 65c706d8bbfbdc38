import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import type { DNSConfig } from '../../runtime/interface.js';
import { parseResolvConf, podDNSConfig, type DNSSettings } from './dns.js';
import { testPod } from './testing.js';

const host = parseResolvConf('# comment\nnameserver 192.168.1.1\nnameserver 192.168.1.2 ; trailing\nsearch old.example\nsearch example.com. corp.local .\noptions rotate timeout:2\n');

test('parseResolvConf: nameservers, the last search line without trailing dots, options', () => {
  assert.deepEqual(host, { servers: ['192.168.1.1', '192.168.1.2'], searches: ['example.com', 'corp.local'], options: ['rotate', 'timeout:2'] });
});

const cluster: DNSSettings = { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local', hostDNS: host };
const clusterSearch = ['ns1.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];

const cases: { name: string; spec: Partial<PodSpec>; s?: DNSSettings; want: DNSConfig }[] = [
  {
    name: 'ClusterFirst (default): cluster server, cluster then host searches, ndots:5',
    spec: {},
    want: { servers: ['10.96.0.10'], searches: [...clusterSearch, 'example.com', 'corp.local'], options: ['ndots:5'] },
  },
  { name: 'ClusterFirst on the host network falls back to Default', spec: { hostNetwork: true }, want: host },
  {
    name: 'ClusterFirstWithHostNet on the host network is cluster DNS',
    spec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' },
    want: { servers: ['10.96.0.10'], searches: [...clusterSearch, 'example.com', 'corp.local'], options: ['ndots:5'] },
  },
  { name: 'Default: the host resolv.conf', spec: { dnsPolicy: 'Default' }, want: host },
  { name: 'Default without a host resolv.conf: 127.0.0.1 and search .', spec: { dnsPolicy: 'Default' }, s: { ...cluster, hostDNS: undefined }, want: { servers: ['127.0.0.1'], searches: ['.'], options: [] } },
  { name: 'ClusterFirst without cluster DNS falls back to Default', spec: {}, s: { ...cluster, clusterDNS: [] }, want: host },
  { name: 'ClusterFirst without a cluster domain keeps the host searches', spec: {}, s: { ...cluster, clusterDomain: '' }, want: { servers: ['10.96.0.10'], searches: ['example.com', 'corp.local'], options: ['ndots:5'] } },
  { name: 'None: nothing', spec: { dnsPolicy: 'None' }, want: { servers: [], searches: [], options: [] } },
  {
    name: 'None with dnsConfig: exactly the dnsConfig',
    spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['a.b'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } },
    want: { servers: ['1.1.1.1'], searches: ['a.b'], options: ['ndots:2', 'edns0'] },
  },
  {
    name: 'ClusterFirst with dnsConfig: appended, de-duplicated, options merged by name',
    spec: { dnsConfig: { nameservers: ['10.96.0.10', '8.8.8.8'], searches: ['cluster.local', 'extra.io'], options: [{ name: 'ndots', value: '1' }, { name: 'single-request' }] } },
    want: { servers: ['10.96.0.10', '8.8.8.8'], searches: [...clusterSearch, 'example.com', 'corp.local', 'extra.io'], options: ['ndots:1', 'single-request'] },
  },
  {
    name: 'at most 3 nameservers',
    spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'] } },
    want: { servers: ['1.1.1.1', '2.2.2.2', '3.3.3.3'], searches: [], options: [] },
  },
  {
    name: 'at most 32 searches, none longer than 253',
    spec: { dnsPolicy: 'None', dnsConfig: { searches: ['x'.repeat(254), ...Array.from({ length: 40 }, (_, i) => `d${i}`)] } },
    want: { servers: [], searches: Array.from({ length: 31 }, (_, i) => `d${i}`), options: [] },
  },
];
for (const c of cases) {
  test(`podDNSConfig: ${c.name}`, () => {
    assert.deepEqual(podDNSConfig(testPod(c.spec), c.s ?? cluster), c.want);
  });
}

test('podDNSConfig: a search line over 2048 characters loses searches from the end', () => {
  const searches = Array.from({ length: 10 }, (_, i) => `${String(i).repeat(250)}`);
  const got = podDNSConfig(testPod({ dnsPolicy: 'None', dnsConfig: { searches } }), cluster);
  assert.deepEqual(got.searches, searches.slice(0, 8), '8 × 250 + 7 spaces = 2007 ≤ 2048; 9 would be 2258');
});
