/**
 * The older protocol path, with kubectl 1.28 run directly (not through the dispatcher): aggregated discovery
 * v2beta1 only, OpenAPI v2 as protobuf required before create/apply, JSON bodies for `create <kind>`.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { assertIncludes, describeBackends, describeResult, header, row, type E2E } from './support/suite.js';
import type { KubectlOptions } from './support/kubectl.js';

const V: KubectlOptions = { version: '1.28' };
const v = (o: KubectlOptions = {}): KubectlOptions => ({ ...V, ...o });

const DEPLOY = (image: string, tier: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: old
  labels:
    app: old
    tier: ${tier}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: old
  template:
    metadata:
      labels:
        app: old
    spec:
      containers:
      - name: main
        image: ${image}
        env:
        - name: A
          value: "1"
`;

async function ok128(x: E2E, args: string[], o: KubectlOptions = {}): Promise<string> {
  return x.ok(args, v(o));
}

describeBackends('kubectl 1.28', (s) => {
  s.e2e('version shows client v1.28 and server v1.33', async (x) => {
    const out = await ok128(x, ['version']);
    assert.match(out, /^Client Version: v1\.28\.\d+$/m, out);
    assert.match(out, /^Server Version: v1\.33\.\d+/m, out);
  });

  s.e2e('api-resources through v2beta1 aggregated discovery', async (x) => {
    const r = await x.kn(['api-resources', '-v=8'], V);
    assert.equal(r.code, 0, describeResult(r));
    assertIncludes(r.stderr, 'Response Headers:', r);
    assert.match(r.stderr, /Content-Type: application\/json;g=apidiscovery\.k8s\.io;v=v2beta1;as=APIGroupDiscoveryList/, 'discovery not served as v2beta1 to kubectl 1.28');
    assert.deepEqual(row(r.stdout, 'deployments'), { NAME: 'deployments', SHORTNAMES: 'deploy', APIVERSION: 'apps/v1', NAMESPACED: 'true', KIND: 'Deployment' });
    assert.equal(row(r.stdout, 'configmaps')?.['SHORTNAMES'], 'cm');
    assert.equal(row(r.stdout, 'jobs')?.['APIVERSION'], 'batch/v1');
  });

  s.e2e('get prints server-side tables', async (x) => {
    const ns = await ok128(x, ['get', 'ns']);
    assert.deepEqual(header(ns), ['NAME', 'STATUS', 'AGE']);
    assert.equal(row(ns, x.ns)?.['STATUS'], 'Active');
    const svc = await ok128(x, ['-n', 'default', 'get', 'svc']);
    assert.deepEqual(header(svc), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    const k = row(svc, 'kubernetes');
    assert.equal(k?.['CLUSTER-IP'], '10.96.0.1', svc);
    assert.equal(k?.['PORT(S)'], '443/TCP', svc);
    const nf = await x.kn(['get', 'configmap', 'nope'], V);
    assert.equal(nf.stderr.trim(), 'Error from server (NotFound): configmaps "nope" not found');
  });

  s.e2e('create -f (needs /openapi/v2 protobuf)', async (x) => {
    const f = x.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old-cm\ndata:\n  k: v\n');
    const r = await x.kn(['create', '-f', f, '-v=6'], V);
    assert.equal(r.code, 0, describeResult(r));
    assert.equal(r.stdout, 'configmap/old-cm created\n');
    assert.match(r.stderr, /GET https:\/\/127\.0\.0\.1:\d+\/openapi\/v2\?timeout=32s 200 OK/, r.stderr);
    assert.equal((await x.json(['configmap', 'old-cm'], V)).data.k, 'v');
  });

  s.e2e('apply -f: created, unchanged, configured', async (x) => {
    const f = x.file('d.yaml', DEPLOY('nginx:1.25', 'fe'));
    assert.equal(await ok128(x, ['apply', '-f', f]), 'deployment.apps/old created\n');
    const again = await x.kn(['apply', '-f', f], V);
    assert.equal(again.stdout, 'deployment.apps/old unchanged\n', describeResult(again));
    writeFileSync(f, DEPLOY('nginx:1.26', 'be'));
    const changed = await x.kn(['apply', '-f', f], V);
    assert.equal(changed.code, 0, describeResult(changed));
    assert.equal(changed.stdout, 'deployment.apps/old configured\n');
    assert.equal(changed.stderr, '', describeResult(changed));
    const d = await x.json(['deployment', 'old'], V);
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.26');
    assert.deepEqual(d.spec.template.spec.containers[0].env, [{ name: 'A', value: '1' }]);
    assert.equal(d.metadata.labels.tier, 'be');
    assert.equal(d.metadata.generation, 2);
  });

  s.e2e('explain', async (x) => {
    const out = await ok128(x, ['explain', 'deployment.spec.replicas']);
    assert.match(out, /KIND:\s+Deployment/);
    assert.match(out, /FIELD:\s+replicas\s+<integer>/);
    assert.match(out, /Number of desired pods/);
    const pods = await ok128(x, ['explain', 'pods.spec.containers']);
    assert.match(pods, /^\s+image\s+<string>/m);
  });

  s.e2e('create configmap sends JSON', async (x) => {
    const r = await x.kn(['create', 'configmap', 'j', '--from-literal=a=b', '-v=8'], V);
    assert.equal(r.code, 0, describeResult(r));
    assert.equal(r.stdout, 'configmap/j created\n');
    assert.match(r.stderr, /Request Body: \{"kind":"ConfigMap","apiVersion":"v1"/, r.stderr);
    assert.deepEqual((await x.json(['configmap', 'j'], V)).data, { a: 'b' });
    const dup = await x.kn(['create', 'configmap', 'j', '--from-literal=a=b'], V);
    assert.equal(dup.code, 1, describeResult(dup));
    assertIncludes(dup.stderr, 'error: failed to create configmap: configmaps "j" already exists', dup);
  });

  s.e2e('edit, describe and diff', async (x) => {
    await ok128(x, ['create', 'configmap', 'e', '--from-literal=color=blue']);
    const editor = x.file('editor.sh', '#!/bin/sh\nexec sed -i "s/color: blue/color: red/" "$1"\n');
    assert.equal(await ok128(x, ['edit', 'configmap', 'e'], { env: { KUBE_EDITOR: `sh ${editor}` } }), 'configmap/e edited\n');
    assert.deepEqual((await x.json(['configmap', 'e'], V)).data, { color: 'red' });
    const d = await x.kn(['describe', 'configmap', 'e'], V);
    assert.equal(d.code, 0, describeResult(d));
    assert.equal(d.stderr, '', describeResult(d));
    assert.match(d.stdout, /^Name:\s+e$/m);
    assert.match(d.stdout, /^Data\n====\ncolor:\n----\nred\n/m);
    const f = x.file('e.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\ndata:\n  color: green\n');
    const diff = await x.kn(['diff', '-f', f], V);
    assert.equal(diff.code, 1, describeResult(diff));
    assert.match(diff.stdout, /^- {2}color: red$/m);
    assert.match(diff.stdout, /^\+ {2}color: green$/m);
  });

  s.e2e('patch, label, scale, delete', async (x) => {
    await ok128(x, ['create', 'deployment', 'd', '--image=nginx:1.25']);
    await ok128(x, ['patch', 'deployment', 'd', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}']);
    await ok128(x, ['label', 'deployment', 'd', 'tier=x']);
    assert.equal(await ok128(x, ['scale', 'deployment', 'd', '--replicas=4']), 'deployment.apps/d scaled\n');
    const d = await x.json(['deployment', 'd'], V);
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.26');
    assert.equal(d.metadata.labels.tier, 'x');
    assert.equal(d.spec.replicas, 4);
    assert.equal(await ok128(x, ['delete', 'deployment', 'd']), 'deployment.apps "d" deleted\n');
  });
});
