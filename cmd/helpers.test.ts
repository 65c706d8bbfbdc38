import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Checklist, formatDuration } from './checklist.js';
import { listenError } from './errors.js';
import { nodeAddresses } from './node-addresses.js';
import { defaultDataDir, tildify } from './paths.js';
import { toUpOptions } from './up.js';

const dataDirCases: Array<[string, NodeJS.ProcessEnv, number, string]> = [
  ['$K8TS_DATA_DIR wins', { K8TS_DATA_DIR: '/srv/k' }, 0, '/srv/k'],
  ['root uses /var/lib/k8ts', {}, 0, '/var/lib/k8ts'],
  ['a user uses ~/.k8ts', {}, 1000, '/home/u/.k8ts'],
];
for (const [name, env, uid, want] of dataDirCases) test(`defaultDataDir: ${name}`, () => assert.equal(defaultDataDir(env, uid, '/home/u'), want));

test('tildify shortens paths under home only', () => {
  assert.equal(tildify('/home/u/.k8ts/kubeconfig', '/home/u'), '~/.k8ts/kubeconfig');
  assert.equal(tildify('/home/user2/x', '/home/u'), '/home/user2/x');
});

test('listenError turns errno codes into next steps', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });
  assert.equal(listenError(err('EADDRINUSE'), '127.0.0.1', 6443).message, 'port 6443 is in use; pass --port or stop the other server (k8ts down)');
  assert.match(listenError(err('EADDRNOTAVAIL'), '10.9.9.9', 6443).message, /10\.9\.9\.9 is not on this machine; pass --bind-address/);
  assert.match(listenError(err('EACCES'), '0.0.0.0', 443).message, /pass --port/);
});

test('nodeAddresses: bind address plus non-internal, non-link-local interface addresses', () => {
  const lo = { address: '127.0.0.1', family: 'IPv4', internal: true } as const;
  const eth = { address: '192.168.1.5', family: 'IPv4', internal: false } as const;
  const ll = { address: 'fe80::1', family: 'IPv6', internal: false } as const;
  const ifaces = { lo: [lo], eth0: [eth, ll] } as unknown as Parameters<typeof nodeAddresses>[1];
  assert.deepEqual(nodeAddresses('0.0.0.0', ifaces), ['192.168.1.5']);
  assert.deepEqual(nodeAddresses('10.0.0.2', ifaces), ['10.0.0.2', '192.168.1.5']);
});

test('checklist prints each step with its duration and marks a failure', async () => {
  let text = '';
  const out = new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) });
  let t = 0;
  const list = new Checklist(out, () => (t += 5));
  await list.step('certificates', async (ctx) => void (ctx.title = 'certificates: reused'));
  await assert.rejects(list.step('API server', async () => Promise.reject(new Error('port 1 is in use'))));
  assert.equal(text, '✓ certificates: reused (5 ms)\n✗ API server: port 1 is in use\n');
  assert.equal(formatDuration(1234), '1.2 s');
});

const base = { port: 6443, bindAddress: '127.0.0.1', datastore: 'sqlite' as const, mergeKubeconfig: true, logFormat: 'text' as const, dataDir: '/d' };
const optionErrors: Array<[string, Partial<Parameters<typeof toUpOptions>[0]>, RegExp]> = [
  ['etcd without endpoints', { datastore: 'etcd' }, /needs --etcd-endpoints/],
  ['etcd flags with sqlite', { etcdEndpoints: ['https://e:2379'] }, /need --datastore etcd/],
  ['cert without key', { datastore: 'etcd', etcdEndpoints: ['https://e:2379'], etcdCertfile: '/nope' }, /go together/],
  ['missing CA file', { datastore: 'etcd', etcdEndpoints: ['https://e:2379'], etcdCafile: '/nope/ca.pem' }, /--etcd-cafile \/nope\/ca\.pem: no such file/],
  ['bad bind address', { bindAddress: 'localhost' }, /is not an IP address/],
  ['node flags with --no-node', { node: false, nodeIp: '10.0.0.2' }, /configure the node; drop them or drop --no-node/],
  ['a node IP that is not IPv4', { nodeIp: 'fe80::1' }, /--node-ip fe80::1 is not an IPv4 address/],
  ['an invalid node name', { nodeName: 'My_Node' }, /not a valid node name/],
  ['a CRI endpoint that is not a unix socket URL', { containerRuntimeEndpoint: '/run/c.sock' }, /must be unix:\/\/\/absolute/],
];
for (const [name, flags, want] of optionErrors) {
  test(`toUpOptions rejects ${name}`, () => assert.throws(() => toUpOptions({ ...base, ...flags }), want));
}

test('toUpOptions: a node by default, none with --no-node, flags passed through', () => {
  assert.deepEqual(toUpOptions(base).node, {});
  assert.equal(toUpOptions({ ...base, node: false }).node, undefined);
  const flags = { nodeName: 'n1', nodeIp: '10.1.2.3', containerRuntimeEndpoint: 'unix:///run/c.sock' };
  assert.deepEqual(toUpOptions({ ...base, ...flags }).node, { name: 'n1', ip: '10.1.2.3', runtimeEndpoint: 'unix:///run/c.sock' });
});

test('toUpOptions maps --v to a log level and keeps etcd endpoints', () => {
  const o = toUpOptions({ ...base, datastore: 'etcd', etcdEndpoints: ['https://a:2379', 'https://b:2379'], v: 2 });
  assert.deepEqual(o.etcd, { endpoints: ['https://a:2379', 'https://b:2379'] });
  assert.equal(o.logLevel, 'debug');
});

test('the node: IP is the first non-internal IPv4; the name is the hostname lowercased, or an error naming --node-name', async () => {
  const { defaultNodeIP, nodeName } = await import('./node.js');
  const v4 = (address: string, internal = false) => ({ address, internal, family: 'IPv4' as const, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` });
  const v6 = { address: 'fe80::1', internal: false, family: 'IPv6' as const, netmask: 'ffff::', mac: '00:00:00:00:00:00', cidr: 'fe80::1/64', scopeid: 1 };
  assert.equal(defaultNodeIP({ lo: [v4('127.0.0.1', true)], eth0: [v6, v4('172.30.0.2')] }), '172.30.0.2');
  assert.throws(() => defaultNodeIP({ lo: [v4('127.0.0.1', true)] }), /no non-loopback IPv4 address for the node; pass --node-ip, or --no-node/);
  assert.equal(nodeName(undefined, 'Build-Host'), 'build-host');
  assert.equal(nodeName('n1', 'ignored_host'), 'n1');
  assert.throws(() => nodeName(undefined, 'vm_01'), /the hostname vm_01 is not a valid node name; pass --node-name/);
});
