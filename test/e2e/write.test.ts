/**
 * kubectl's write paths against a real `k8ts up` (SQLite and etcd): create -f / apply -f / diff / replace / edit /
 * patch / label / annotate / scale / delete / wait / describe, strict field validation, finalizers.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { assertIncludes, describeBackends, describeResult, poll, type E2E } from './support/suite.js';

const MULTI = (ns: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: ${ns}
data:
  mode: production
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

const DEPLOY = (opts: { image?: string; tier?: string; containers?: { name: string; image: string }[] } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
    tier: ${opts.tier ?? 'frontend'}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
${(opts.containers ?? [{ name: 'web', image: opts.image ?? 'nginx:1.25' }]).map((c) => `      - name: ${c.name}\n        image: ${c.image}\n`).join('')}`;

const CM = (name: string, data: Record<string, string>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data });

async function createCm(x: E2E, name: string, data: Record<string, string> = { k: 'v' }, extra: Record<string, unknown> = {}): Promise<void> {
  await x.ok(['create', '-f', '-'], { stdin: CM(name, data, extra) });
}

describeBackends('kubectl write paths', (s) => {
  s.e2e('create -f a multi-document file creates a configmap, a deployment and a service', async (x) => {
    const f = x.file('app.yaml', MULTI(x.ns));
    const out = await x.ok(['create', '-f', f]);
    assert.equal(out, 'configmap/app-config created\ndeployment.apps/web created\nservice/web created\n');
    const cm = await x.json(['configmap', 'app-config']);
    assert.equal(cm.data.mode, 'production');
    const d = await x.json(['deployment', 'web']);
    assert.equal(d.spec.replicas, 2);
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.25');
    assert.equal(d.metadata.generation, 1);
    // Defaults applied by the server.
    assert.equal(d.spec.strategy.type, 'RollingUpdate');
    assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
    assert.equal(d.spec.template.spec.restartPolicy, 'Always');
    const svc = await x.json(['service', 'web']);
    assert.equal(svc.spec.type, 'ClusterIP');
    assert.match(svc.spec.clusterIP, /^10\.\d+\.\d+\.\d+$/);
    assert.equal(svc.spec.ports[0].protocol, 'TCP');
    // delete -f removes all three.
    const del = await x.ok(['delete', '-f', f]);
    assert.equal(del, 'configmap "app-config" deleted\ndeployment.apps "web" deleted\nservice "web" deleted\n');
    const gone = await x.kn(['get', '-f', f]);
    assert.notEqual(gone.code, 0, describeResult(gone));
    assertIncludes(gone.stderr, 'Error from server (NotFound): configmaps "app-config" not found', gone);
  });

  s.e2e('apply -f twice (unchanged), then a changed manifest (configured, image and label changed, generation bumped)', async (x) => {
    const f = x.file('web.yaml', DEPLOY());
    assert.equal(await x.ok(['apply', '-f', f]), 'deployment.apps/web created\n');
    const first = await x.json(['deployment', 'web']);
    assert.equal(first.metadata.generation, 1);
    assert.ok(first.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], 'last-applied annotation missing');
    const again = await x.kn(['apply', '-f', f]);
    assert.equal(again.stdout, 'deployment.apps/web unchanged\n', describeResult(again));
    assert.equal(again.stderr, '', describeResult(again));

    writeFileSync(f, DEPLOY({ image: 'nginx:1.26', tier: 'backend' }));
    const changed = await x.kn(['apply', '-f', f]);
    assert.equal(changed.stdout, 'deployment.apps/web configured\n', describeResult(changed));
    assert.equal(changed.stderr, '', `apply printed warnings:\n${describeResult(changed)}`);
    const d = await x.json(['deployment', 'web']);
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.26');
    assert.equal(d.metadata.labels.tier, 'backend');
    assert.equal(d.metadata.generation, 2);
    assert.ok(Number(d.metadata.resourceVersion) > Number(first.metadata.resourceVersion));
    assert.equal(d.metadata.uid, first.metadata.uid);
  });

  s.e2e('edit with an EDITOR script changes a configmap value', async (x) => {
    await createCm(x, 'ed', { color: 'blue', size: 'big' });
    const editor = x.file('editor.sh', '#!/bin/sh\nexec sed -i "s/color: blue/color: red/" "$1"\n');
    const r = await x.kn(['edit', 'configmap', 'ed'], { env: { EDITOR: `sh ${editor}`, KUBE_EDITOR: `sh ${editor}` } });
    assert.equal(r.code, 0, describeResult(r));
    assert.equal(r.stdout, 'configmap/ed edited\n');
    const cm = await x.json(['configmap', 'ed']);
    assert.deepEqual(cm.data, { color: 'red', size: 'big' });
    // An editor that changes nothing cancels the edit.
    const noop = x.file('noop.sh', '#!/bin/sh\nexit 0\n');
    const r2 = await x.kn(['edit', 'configmap', 'ed'], { env: { KUBE_EDITOR: `sh ${noop}` } });
    assert.equal(r2.code, 0, describeResult(r2));
    assertIncludes(r2.stderr, 'Edit cancelled, no changes made.', r2);
  });

  s.e2e('patch --type json, merge and strategic (containers merged by name)', async (x) => {
    await createCm(x, 'p', { a: '1', b: '2' });
    assert.equal(await x.ok(['patch', 'configmap', 'p', '--type', 'json', '-p', '[{"op":"replace","path":"/data/a","value":"j"},{"op":"remove","path":"/data/b"}]']), 'configmap/p patched\n');
    assert.deepEqual((await x.json(['configmap', 'p'])).data, { a: 'j' });
    assert.equal(await x.ok(['patch', 'configmap', 'p', '--type', 'merge', '-p', '{"data":{"c":"m","a":null}}']), 'configmap/p patched\n');
    assert.deepEqual((await x.json(['configmap', 'p'])).data, { c: 'm' });
    // A json patch whose test fails is refused and changes nothing.
    const failed = await x.kn(['patch', 'configmap', 'p', '--type', 'json', '-p', '[{"op":"test","path":"/data/c","value":"zzz"}]']);
    assert.notEqual(failed.code, 0, describeResult(failed));
    assertIncludes(failed.stderr, 'test operation does not apply', failed);
    assert.deepEqual((await x.json(['configmap', 'p'])).data, { c: 'm' });

    const f = x.file('two.yaml', DEPLOY({ containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'sidecar', image: 'busybox:1.36' }] }));
    await x.ok(['create', '-f', f]);
    const out = await x.ok(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}']);
    assert.equal(out, 'deployment.apps/web patched\n');
    const d = await x.json(['deployment', 'web']);
    assert.deepEqual(
      d.spec.template.spec.containers.map((c: any) => [c.name, c.image]),
      [['web', 'nginx:1.25'], ['sidecar', 'busybox:1.37']],
    );
    assert.equal(d.metadata.generation, 2);
    // A strategic patch that changes nothing says so.
    const same = await x.ok(['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":1}}']);
    assert.equal(same, 'deployment.apps/web patched (no change)\n');
  });

  s.e2e('label and annotate: add, --overwrite, remove', async (x) => {
    await createCm(x, 'l');
    assert.equal(await x.ok(['label', 'configmap', 'l', 'tier=fe', 'team=a']), 'configmap/l labeled\n');
    const clash = await x.kn(['label', 'configmap', 'l', 'tier=be']);
    assert.equal(clash.code, 1, describeResult(clash));
    assertIncludes(clash.stderr, "'tier' already has a value (fe), and --overwrite is false", clash);
    assert.equal(await x.ok(['label', 'configmap', 'l', 'tier=be', '--overwrite']), 'configmap/l labeled\n');
    assert.deepEqual((await x.json(['configmap', 'l'])).metadata.labels, { tier: 'be', team: 'a' });
    assert.equal(await x.ok(['label', 'configmap', 'l', 'tier-']), 'configmap/l unlabeled\n');
    assert.deepEqual((await x.json(['configmap', 'l'])).metadata.labels, { team: 'a' });

    assert.equal(await x.ok(['annotate', 'configmap', 'l', 'note=hello world']), 'configmap/l annotated\n');
    const clashA = await x.kn(['annotate', 'configmap', 'l', 'note=other']);
    assert.equal(clashA.code, 1, describeResult(clashA));
    assertIncludes(clashA.stderr, "--overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world)", clashA);
    await x.ok(['annotate', 'configmap', 'l', 'note=other', '--overwrite']);
    assert.equal((await x.json(['configmap', 'l'])).metadata.annotations.note, 'other');
    await x.ok(['annotate', 'configmap', 'l', 'note-']);
    assert.equal((await x.json(['configmap', 'l'])).metadata.annotations?.note, undefined);
  });

  s.e2e('scale deployment --replicas=3 goes through the scale subresource', async (x) => {
    await x.ok(['create', '-f', x.file('web.yaml', DEPLOY())]);
    const r = await x.kn(['scale', 'deployment/web', '--replicas=3', '-v=6']);
    assert.equal(r.code, 0, describeResult(r));
    assert.equal(r.stdout, 'deployment.apps/web scaled\n');
    assert.match(r.stderr, /verb="PATCH" url="https:\/\/127\.0\.0\.1:\d+\/apis\/apps\/v1\/namespaces\/[^/]+\/deployments\/web\/scale" status="200 OK"/, r.stderr);
    assert.equal(await x.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']), '3');
    const scale = JSON.parse(await x.ok(['get', '--raw', `/apis/apps/v1/namespaces/${x.ns}/deployments/web/scale`]));
    assert.equal(scale.kind, 'Scale');
    assert.equal(scale.apiVersion, 'autoscaling/v1');
    assert.equal(scale.spec.replicas, 3);
    assert.equal(scale.status.selector, 'app=web');
    // --current-replicas is a precondition.
    const pre = await x.kn(['scale', 'deployment/web', '--current-replicas=2', '--replicas=1']);
    assert.notEqual(pre.code, 0, describeResult(pre));
    assert.equal(await x.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']), '3');
  });

  s.e2e('delete -l, delete --all', async (x) => {
    await createCm(x, 'a1', { k: 'v' }, { labels: { app: 'a' } });
    await createCm(x, 'a2', { k: 'v' }, { labels: { app: 'a' } });
    await createCm(x, 'b1', { k: 'v' }, { labels: { app: 'b' } });
    await createCm(x, 'b2');
    const out = await x.ok(['delete', 'configmaps', '-l', 'app=a']);
    assert.equal(out, 'configmap "a1" deleted\nconfigmap "a2" deleted\n');
    assert.equal(await x.ok(['get', 'configmaps', '-o', 'name']), 'configmap/b1\nconfigmap/b2\n');
    const all = await x.ok(['delete', 'configmaps', '--all']);
    assert.equal(all, 'configmap "b1" deleted\nconfigmap "b2" deleted\n');
    const none = await x.kn(['get', 'configmaps']);
    assertIncludes(none.stderr, `No resources found in ${x.ns} namespace.`, none);
    // Deleting something absent is a NotFound.
    const again = await x.kn(['delete', 'configmap', 'a1']);
    assert.equal(again.code, 1, describeResult(again));
    assert.equal(again.stderr.trim(), 'Error from server (NotFound): configmaps "a1" not found');
  });

  s.e2e('an object with a finalizer stays (deletionTimestamp set) until the finalizer is removed; wait --for=delete', async (x) => {
    await createCm(x, 'fin', { k: 'v' }, { finalizers: ['example.com/block'] });
    const del = await x.kn(['delete', 'configmap', 'fin', '--wait=false']);
    assert.equal(del.code, 0, describeResult(del));
    assert.equal(del.stdout, 'configmap "fin" deleted\n');
    const held = await x.json(['configmap', 'fin']);
    assert.ok(held.metadata.deletionTimestamp, 'deletionTimestamp not set');
    assert.deepEqual(held.metadata.finalizers, ['example.com/block']);

    const t0 = Date.now();
    const timeout = await x.kn(['wait', '--for=delete', 'configmap/fin', '--timeout=2s']);
    assert.equal(timeout.code, 1, describeResult(timeout));
    assertIncludes(timeout.stderr, 'timed out waiting for the condition on configmaps/fin', timeout);
    assert.ok(Date.now() - t0 < 10_000, 'wait ignored its --timeout');

    // -v=6 logs each request: patch only once the waiter watches, so it must see the deletion happen.
    const waiter = x.bg(['wait', '--for=delete', 'configmap/fin', '--timeout=20s', '-v=6'], { timeoutMs: 30_000 });
    await poll('kubectl wait to start watching', async () => /url="[^"]*configmaps\?[^"]*watch=true/.test(waiter.stderr), 10_000);
    await x.ok(['patch', 'configmap', 'fin', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
    const w = await waiter.done;
    assert.equal(w.code, 0, describeResult(w));
    assert.equal(w.stdout, 'configmap/fin condition met\n');
    const gone = await x.kn(['get', 'configmap', 'fin']);
    assert.equal(gone.stderr.trim(), 'Error from server (NotFound): configmaps "fin" not found');
    // --for=delete on a missing object returns at once.
    const missing = await x.kn(['wait', '--for=delete', 'configmap/fin', '--timeout=5s']);
    assert.equal(missing.code, 0, describeResult(missing));
  });

  s.e2e('describe deployment, configmap and service', async (x) => {
    await x.ok(['create', '-f', x.file('app.yaml', MULTI(x.ns))]);
    const cases: { what: string[]; expect: RegExp[] }[] = [
      {
        what: ['deployment', 'web'],
        expect: [/^Name:\s+web$/m, new RegExp(`^Namespace:\\s+${x.ns}$`, 'm'), /^Labels:\s+app=web$/m, /^Selector:\s+app=web$/m, /^Replicas:\s+2 desired/m, /^StrategyType:\s+RollingUpdate$/m, /^Pod Template:$/m, /^\s+Image:\s+nginx:1\.25$/m],
      },
      { what: ['configmap', 'app-config'], expect: [/^Name:\s+app-config$/m, new RegExp(`^Namespace:\\s+${x.ns}$`, 'm'), /^Labels:\s+<none>$/m, /^Data\n====\nmode:\n----\nproduction\n/m] },
      {
        what: ['service', 'web'],
        expect: [/^Name:\s+web$/m, new RegExp(`^Namespace:\\s+${x.ns}$`, 'm'), /^Labels:\s+<none>$/m, /^Selector:\s+app=web$/m, /^Type:\s+ClusterIP$/m, /^IP:\s+10\.\d+\.\d+\.\d+$/m, /^Port:\s+<unset>\s+80\/TCP$/m, /^TargetPort:\s+80\/TCP$/m],
      },
    ];
    for (const c of cases) {
      const r = await x.kn(['describe', ...c.what]);
      assert.equal(r.code, 0, describeResult(r));
      assert.equal(r.stderr, '', describeResult(r));
      for (const re of c.expect) assert.match(r.stdout, re, `describe ${c.what.join(' ')}:\n${r.stdout}`);
    }
  });

  s.e2e('diff -f exits 1 with a diff when changed and 0 when equal', async (x) => {
    const f = x.file('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  k: v1\n`);
    await x.ok(['apply', '-f', f]);
    const same = await x.kn(['diff', '-f', f]);
    assert.equal(same.code, 0, describeResult(same));
    assert.equal(same.stdout, '');
    writeFileSync(f, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  k: v2\n`);
    const changed = await x.kn(['diff', '-f', f]);
    assert.equal(changed.code, 1, describeResult(changed));
    assert.match(changed.stdout, /^- {2}k: v1$/m, changed.stdout);
    assert.match(changed.stdout, /^\+ {2}k: v2$/m, changed.stdout);
    // The server-side dry run persisted nothing.
    assert.equal((await x.json(['configmap', 'd'])).data.k, 'v1');
    // A new object diffs against nothing.
    const fresh = x.file('new.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\ndata:\n  k: v\n`);
    const created = await x.kn(['diff', '-f', fresh]);
    assert.equal(created.code, 1, describeResult(created));
    assert.match(created.stdout, /^\+ {2}name: fresh$/m, created.stdout);
    const absent = await x.kn(['get', 'configmap', 'fresh']);
    assert.equal(absent.code, 1, `diff created the object:\n${describeResult(absent)}`);
  });

  s.e2e(
    'diff of a changed object shows only the changed field (server dry-run keeps metadata.resourceVersion)',
    async (x) => {
      const f = x.file('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  k: v1\n`);
      await x.ok(['apply', '-f', f]);
      writeFileSync(f, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  k: v2\n`);
      const changed = await x.kn(['diff', '-f', f]);
      assert.equal(changed.code, 1, describeResult(changed));
      const lines = changed.stdout.split('\n').filter((l) => /^[-+](?![-+])/.test(l));
      assert.ok(lines.every((l) => /k: v[12]|last-applied-configuration|"k":"v[12]"/.test(l)), `unexpected changed lines:\n${lines.join('\n')}`);
    },
  );

  s.e2e(
    'a value of the wrong type is refused (ConfigMap data number, Deployment replicas string)',
    async (x) => {
      const cm = await x.kn(['create', '-f', '-'], { stdin: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"typed"},"data":{"k":7}}' });
      assert.equal(cm.code, 1, describeResult(cm));
      assertIncludes(cm.stderr, 'Error from server (BadRequest)', cm);
      assertIncludes(cm.stderr, 'cannot unmarshal number into Go struct field ConfigMap.data of type string', cm);
      const d = await x.kn(['create', '-f', '-'], { stdin: DEPLOY().replace('replicas: 1', 'replicas: "two"') });
      assert.equal(d.code, 1, describeResult(d));
      assertIncludes(d.stderr, 'Error from server (BadRequest)', d);
    },
  );

  s.e2e('replace -f with the current resourceVersion succeeds; with a stale one → Conflict', async (x) => {
    await createCm(x, 'r', { k: 'v0' });
    const live = await x.json(['configmap', 'r']);
    const f = x.file('r.json', JSON.stringify({ ...live, data: { k: 'v1' } }));
    assert.equal(await x.ok(['replace', '-f', f]), 'configmap/r replaced\n');
    assert.equal((await x.json(['configmap', 'r'])).data.k, 'v1');
    // Same file again: its resourceVersion is now stale.
    const stale = await x.kn(['replace', '-f', f]);
    assert.equal(stale.code, 1, describeResult(stale));
    assertIncludes(stale.stderr, `Error from server (Conflict): error when replacing "${f}": Operation cannot be fulfilled on configmaps "r": the object has been modified; please apply your changes to the latest version and try again`, stale);
    assert.equal((await x.json(['configmap', 'r'])).data.k, 'v1');
  });

  s.e2e('strict field validation: create -f with an unknown field is refused by the server', async (x) => {
    const f = x.file('bogus.yaml', DEPLOY().replace('spec:\n  replicas: 1', 'spec:\n  bogus: true\n  replicas: 1'));
    const r = await x.kn(['create', '-f', f, '-v=6']);
    assert.equal(r.code, 1, describeResult(r));
    assertIncludes(r.stderr, 'fieldValidation=Strict', r);
    assertIncludes(r.stderr, 'unknown field "spec.bogus"', r);
    assertIncludes(r.stderr, 'Error from server (BadRequest)', r);
    const absent = await x.kn(['get', 'deployment', 'web']);
    assert.equal(absent.code, 1, describeResult(absent));
    // --validate=warn: accepted with a warning naming the field.
    const warn = await x.kn(['create', '-f', f, '--validate=warn']);
    assert.equal(warn.code, 0, describeResult(warn));
    assertIncludes(warn.stderr, 'Warning: unknown field "spec.bogus"', warn);
    assert.equal((await x.json(['deployment', 'web'])).spec.bogus, undefined, 'the unknown field spec.bogus was persisted');
  });

  s.e2e('create -f --validate=false accepts an unknown field and drops it (as a typed decode does)', async (x) => {
    const f = x.file('bogus.yaml', DEPLOY().replace('spec:\n  replicas: 1', 'spec:\n  bogus: true\n  replicas: 1'));
    const lax = await x.kn(['create', '-f', f, '--validate=false']);
    assert.equal(lax.code, 0, describeResult(lax));
    assert.equal(lax.stderr, '', describeResult(lax));
    assert.equal((await x.json(['deployment', 'web'])).spec.bogus, undefined, 'the unknown field spec.bogus was persisted');
  });

  s.e2e('apply after kubectl delete recreates; apply of a manifest for another namespace is refused client-side', async (x) => {
    const f = x.file('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: again\ndata:\n  k: v\n`);
    assert.equal(await x.ok(['apply', '-f', f]), 'configmap/again created\n');
    await x.ok(['delete', '-f', f]);
    assert.equal(await x.ok(['apply', '-f', f]), 'configmap/again created\n');
    assert.equal((await x.json(['configmap', 'again'])).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'].includes('"name":"again"'), true);
    const other = x.file('other.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: o\n  namespace: somewhere-else\ndata:\n  k: v\n`);
    const r = await x.kn(['apply', '-f', other]);
    assert.equal(r.code, 1, describeResult(r));
    assertIncludes(r.stderr, 'the namespace from the provided object "somewhere-else" does not match the namespace', r);
  });
});
