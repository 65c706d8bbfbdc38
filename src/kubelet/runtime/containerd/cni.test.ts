import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CNI_BRIDGE, renderCniConflist, writeCniConfig } from './cni.js';
import { containerdLayout } from './config.js';

interface Plugin {
  type: string;
  bridge?: string;
  isGateway?: boolean;
  ipMasq?: boolean;
  hairpinMode?: boolean;
  ipam?: { type: string; ranges: { subnet: string }[][]; dataDir: string };
  capabilities?: Record<string, boolean>;
}

const conf = renderCniConflist({ podCIDR: '10.244.0.0/24', ipamDataDir: '/d/cni/ipam' }) as { cniVersion: string; name: string; plugins: Plugin[] };

test('the conflist is bridge then portmap', () => {
  assert.deepEqual(conf.plugins.map((p) => p.type), ['bridge', 'portmap']);
  assert.equal(conf.name, 'k8ts');
  assert.match(conf.cniVersion, /^\d+\.\d+\.\d+$/);
});

test('the bridge is our own k8ts0: gateway, masquerade, hairpin', () => {
  const bridge = conf.plugins[0]!;
  assert.equal(bridge.bridge, 'k8ts0');
  assert.equal(CNI_BRIDGE, 'k8ts0');
  assert.notEqual(bridge.bridge, 'cni0', 'must never collide with a host cni0');
  assert.equal(bridge.isGateway, true);
  assert.equal(bridge.ipMasq, true);
  assert.equal(bridge.hairpinMode, true);
});

test('host-local hands out the node pod CIDR and keeps leases in its own dataDir', () => {
  const ipam = conf.plugins[0]!.ipam!;
  assert.equal(ipam.type, 'host-local');
  assert.deepEqual(ipam.ranges, [[{ subnet: '10.244.0.0/24' }]]);
  assert.equal(ipam.dataDir, '/d/cni/ipam');
});

test('portmap declares the portMappings capability (containerd passes hostPorts through it)', () => {
  assert.deepEqual(conf.plugins[1]!.capabilities, { portMappings: true });
});

test('writeCniConfig writes one conflist into the layout cniConfDir, leases under the containerd dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-cni-'));
  try {
    const layout = containerdLayout(join(dir, 'containerd'));
    const file = writeCniConfig(layout, '10.244.3.0/24');
    assert.deepEqual(readdirSync(layout.cniConfDir), ['10-k8ts.conflist']);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { plugins: Plugin[] };
    assert.deepEqual(written.plugins[0]!.ipam!.ranges, [[{ subnet: '10.244.3.0/24' }]]);
    assert.ok(written.plugins[0]!.ipam!.dataDir.startsWith(layout.dir + '/'), `dataDir ${written.plugins[0]!.ipam!.dataDir}`);
    writeCniConfig(layout, '10.244.4.0/24');
    assert.deepEqual(readdirSync(layout.cniConfDir), ['10-k8ts.conflist'], 'rewriting replaces, never adds');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
