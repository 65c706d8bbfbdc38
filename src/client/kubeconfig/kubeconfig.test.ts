import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminKubeconfig, serverURL } from './admin.js';
import { parseKubeconfig, readKubeconfig, writeKubeconfig } from './file.js';
import { fromBase64 } from './types.js';
import { mergeIntoUserKubeconfig, removeFromUserKubeconfig, userKubeconfigPath } from './user.js';

const EXISTING = `apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster: { server: 'https://prod.example:6443', certificate-authority-data: QUJD }
users:
  - name: alice
    user: { token: secret }
contexts:
  - name: prod
    context: { cluster: prod, user: alice, namespace: web }
current-context: prod
preferences: {}
`;

const admin = () =>
  adminKubeconfig({ server: 'https://127.0.0.1:6443', caPem: 'CA-PEM\n', certPem: 'CERT-PEM\n', keyPem: 'KEY-PEM\n' });

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'k8ts-home-'));
  try {
    await fn(home);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

test('admin kubeconfig has cluster k8ts, user k8ts-admin, context k8ts and base64 PEM data', () => {
  const cfg = admin();
  assert.equal(cfg['current-context'], 'k8ts');
  assert.equal(cfg.clusters[0]!.cluster.server, 'https://127.0.0.1:6443');
  assert.equal(fromBase64(cfg.clusters[0]!.cluster['certificate-authority-data']!), 'CA-PEM\n');
  assert.equal(cfg.users[0]!.name, 'k8ts-admin');
  assert.equal(fromBase64(cfg.users[0]!.user['client-key-data']!), 'KEY-PEM\n');
  assert.deepEqual(cfg.contexts[0], { name: 'k8ts', context: { cluster: 'k8ts', user: 'k8ts-admin' } });
});

const urlCases: Array<[string, number, string]> = [
  ['127.0.0.1', 6443, 'https://127.0.0.1:6443'],
  ['0.0.0.0', 6443, 'https://127.0.0.1:6443'],
  ['::', 1, 'https://[::1]:1'],
  ['fd00::1', 443, 'https://[fd00::1]:443'],
];
for (const [bind, port, want] of urlCases) test(`serverURL(${bind}, ${port})`, () => assert.equal(serverURL(bind, port), want));

test('userKubeconfigPath honours the first non-empty $KUBECONFIG path', () => {
  assert.equal(userKubeconfigPath({ KUBECONFIG: ':/a/one:/b/two' }, '/home/x'), '/a/one');
  assert.equal(userKubeconfigPath({ HOME: '/home/y' }, '/home/x'), '/home/y/.kube/config');
});

test('write then read round-trips with mode 0600', () =>
  withHome(async (home) => {
    const path = join(home, 'kubeconfig');
    await writeKubeconfig(path, admin());
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual((await readKubeconfig(path)).config, admin());
  }));

test('merge into an existing ~/.kube/config keeps other entries, backs up first, sets current-context', () =>
  withHome(async (home) => {
    const path = userKubeconfigPath({ HOME: home });
    await mkdir(join(home, '.kube'));
    await writeFile(path, EXISTING);
    const res = await mergeIntoUserKubeconfig(path, admin(), new Date('2024-06-12T10:11:12.345Z'));
    assert.equal(res.backup, `${path}.bak-20240612T101112Z`);
    assert.equal(await readFile(res.backup!, 'utf8'), EXISTING);
    const cfg = (await readKubeconfig(path)).config;
    assert.equal(cfg['current-context'], 'k8ts');
    assert.deepEqual(cfg.clusters.map((c) => c.name), ['prod', 'k8ts']);
    assert.deepEqual(cfg.users.map((c) => c.name), ['alice', 'k8ts']);
    assert.deepEqual(cfg.contexts.find((c) => c.name === 'k8ts')!.context, { cluster: 'k8ts', user: 'k8ts' });
    assert.equal(cfg.contexts[0]!.context.namespace, 'web');

    const again = await mergeIntoUserKubeconfig(path, admin(), new Date('2024-06-13T00:00:00Z'));
    assert.equal(again.changed, false, 'an identical merge writes nothing');
    assert.equal((await readdir(join(home, '.kube'))).filter((f) => f.includes('.bak-')).length, 1);
  }));

test('merge into a missing file creates it without a backup', () =>
  withHome(async (home) => {
    const path = join(home, 'nested', 'config');
    const res = await mergeIntoUserKubeconfig(path, admin());
    assert.equal(res.backup, undefined);
    assert.equal((await readKubeconfig(path)).config.contexts.length, 1);
  }));

test('reset removal takes out only the k8ts entries and unsets current-context', () =>
  withHome(async (home) => {
    const path = join(home, 'config');
    await writeFile(path, EXISTING);
    await mergeIntoUserKubeconfig(path, admin(), new Date('2024-06-12T10:00:00Z'));
    const res = await removeFromUserKubeconfig(path, new Date('2024-06-12T11:00:00Z'));
    assert.equal(res.changed, true);
    assert.ok(res.backup?.endsWith('.bak-20240612T110000Z'));
    const cfg = parseKubeconfig(await readFile(path, 'utf8'));
    assert.deepEqual(cfg.contexts.map((c) => c.name), ['prod']);
    assert.deepEqual(cfg.clusters.map((c) => c.name), ['prod']);
    assert.deepEqual(cfg.users.map((c) => c.name), ['alice']);
    assert.equal(cfg['current-context'], undefined);
    assert.equal((await removeFromUserKubeconfig(path)).changed, false, 'nothing left to remove');
  }));

test('parseKubeconfig rejects a non-mapping', () => {
  assert.throws(() => parseKubeconfig('- a\n- b\n', 'x'), /x: not a kubeconfig/);
});
