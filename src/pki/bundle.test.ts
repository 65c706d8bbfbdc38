import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePki, pkiFiles } from './bundle.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-pki-'));
  try {
    await fn(join(root, 'pki'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

test('first start generates CA, serving and admin certificates with 0600 keys', () =>
  withDir(async (dir) => {
    const pki = await ensurePki({ dir, hostname: 'Node-1', addresses: ['192.168.1.20'] });
    assert.deepEqual(pki.generated.map((g) => g.part), ['ca', 'apiserver', 'admin', 'apiserver-kubelet-client']);
    for (const name of ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'admin.crt', 'admin.key']) {
      const mode = (await stat(join(dir, name))).mode & 0o777;
      assert.equal(mode, name.endsWith('.key') ? 0o600 : 0o644, name);
    }
    const ca = new X509Certificate(pki.ca.certPem);
    assert.equal(ca.subject, 'CN=k8ts-ca');
    assert.equal(ca.ca, true);
    const years = (Date.parse(ca.validTo) - Date.now()) / (365 * 24 * 3600 * 1000);
    assert.ok(years > 9.9 && years < 10.1, `CA valid ${years} years`);
  }));

test('serving certificate carries the upstream SANs and verifies against the CA', () =>
  withDir(async (dir) => {
    const pki = await ensurePki({ dir, hostname: 'Node-1', addresses: ['192.168.1.20', 'fd00::5'] });
    const ca = new X509Certificate(pki.ca.certPem);
    const serving = new X509Certificate(pki.apiserver.certPem);
    assert.ok(serving.verify(ca.publicKey));
    assert.ok(serving.checkIssued(ca));
    const san = serving.subjectAltName ?? '';
    for (const dns of ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'node-1']) {
      assert.ok(san.split(', ').includes(`DNS:${dns}`), `${dns} in ${san}`);
    }
    for (const ip of ['127.0.0.1', '::1', '10.96.0.1', '192.168.1.20', 'fd00::5']) {
      assert.ok(serving.checkIP(ip), `${ip} in ${san}`);
    }
    assert.equal(serving.checkHost('kubernetes.default.svc'), 'kubernetes.default.svc');
  }));

test('admin client certificate: CN k8ts-admin, O system:masters, signed by the CA', () =>
  withDir(async (dir) => {
    const pki = await ensurePki({ dir, hostname: 'node-1' });
    const admin = new X509Certificate(pki.admin.certPem);
    assert.equal(admin.subject, 'CN=k8ts-admin\nO=system:masters');
    assert.ok(admin.verify(new X509Certificate(pki.ca.certPem).publicKey));
    assert.ok(admin.keyUsage?.includes('1.3.6.1.5.5.7.3.2'), 'clientAuth usage');
  }));

test('second start reuses every file; a changed SAN set re-issues only the serving certificate', () =>
  withDir(async (dir) => {
    const first = await ensurePki({ dir, hostname: 'node-1', addresses: ['10.0.0.5'] });
    const again = await ensurePki({ dir, hostname: 'node-1', addresses: ['10.0.0.5'] });
    assert.deepEqual(again.generated, []);
    assert.equal(again.apiserver.certPem, first.apiserver.certPem);
    const moved = await ensurePki({ dir, hostname: 'node-1', addresses: ['10.0.0.6'] });
    assert.deepEqual(moved.generated, [{ part: 'apiserver', reason: 'SANs changed' }]);
    assert.equal(moved.ca.certPem, first.ca.certPem);
    assert.equal(moved.admin.certPem, first.admin.certPem);
    assert.ok(new X509Certificate(moved.apiserver.certPem).checkIP('10.0.0.6'));
  }));

test('a lost CA key re-issues the CA and every leaf', () =>
  withDir(async (dir) => {
    const first = await ensurePki({ dir, hostname: 'node-1' });
    await rm(pkiFiles(dir, 'ca').key);
    const next = await ensurePki({ dir, hostname: 'node-1' });
    assert.deepEqual(next.generated.map((g) => g.part), ['ca', 'apiserver', 'admin', 'apiserver-kubelet-client']);
    assert.notEqual(next.ca.certPem, first.ca.certPem);
    assert.ok(new X509Certificate(next.admin.certPem).verify(new X509Certificate(next.ca.certPem).publicKey));
  }));

test('an unreadable leaf is re-issued', () =>
  withDir(async (dir) => {
    await ensurePki({ dir, hostname: 'node-1' });
    await writeFile(pkiFiles(dir, 'admin').cert, 'garbage');
    const next = await ensurePki({ dir, hostname: 'node-1' });
    assert.equal(next.generated.length, 1);
    assert.equal(next.generated[0]!.part, 'admin');
    assert.match(await readFile(pkiFiles(dir, 'admin').cert, 'utf8'), /BEGIN CERTIFICATE/);
  }));
