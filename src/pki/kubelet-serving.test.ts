import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePki, type Pki } from './bundle.js';
import { issueKubeletServing, kubeletServingSans } from './kubelet-serving.js';

let dir: string;
let pki: Pki;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8ts-kubelet-cert-'));
  pki = await ensurePki({ dir, hostname: 'test' });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('kubeletServingSans: the node name, localhost and the addresses, split into DNS and IP', () => {
  assert.deepEqual(kubeletServingSans('Node-A', ['10.0.0.5', 'node-a.example', '10.0.0.5']), {
    dns: ['node-a', 'localhost', 'node-a.example'],
    ips: ['127.0.0.1', '10.0.0.5'],
  });
});

test('issueKubeletServing: signed by the cluster CA, serverAuth, subject system:node:<name>', async () => {
  const pair = await issueKubeletServing({ ca: pki.ca, nodeName: 'node-a', addresses: ['10.0.0.5'] });
  const cert = new X509Certificate(pair.certPem);
  assert.ok(cert.verify(new X509Certificate(pki.ca.certPem).publicKey), 'signed by the cluster CA');
  assert.equal(cert.subject, 'CN=system:node:node-a\nO=system:nodes');
  assert.ok(cert.keyUsage?.includes('1.3.6.1.5.5.7.3.1'), 'serverAuth usage');
  assert.ok(cert.checkIP('10.0.0.5'), 'the node address is a SAN');
  assert.ok(cert.checkHost('node-a'), 'the node name is a SAN');
});

test('the PKI bundle has the API server kubelet client certificate (system:masters)', () => {
  const cert = new X509Certificate(pki.apiserverKubeletClient.certPem);
  assert.equal(cert.subject, 'CN=kube-apiserver-kubelet-client\nO=system:masters');
  assert.ok(cert.keyUsage?.includes('1.3.6.1.5.5.7.3.2'), 'clientAuth usage');
});
