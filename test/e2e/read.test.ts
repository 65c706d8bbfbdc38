/**
 * kubectl's read paths against a real `k8ts up` (SQLite and etcd): version, cluster-info, discovery
 * (api-resources, api-versions), explain, `get` in every output format, selectors, watch, and the error
 * messages kubectl prints for server errors.
 */
import assert from 'node:assert/strict';
import { assertIncludes, describeBackends, describeResult, header, poll, row, tableRows } from './support/suite.js';

const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

const CM = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = { k: 'v' }) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data });

const POD = (name: string, labels: Record<string, string> = {}) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  });

const DEPLOY = (name: string, image = 'nginx:1.25') =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
  });

const SVC = (name: string, app: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }] } });

describeBackends('kubectl read paths', (s) => {
  s.e2e('version reports the server as v1.33 and the dispatcher picks kubectl 1.33', async (x) => {
    const out = await x.ok(['version']);
    assert.match(out, /^Client Version: v1\.33\.\d+/m, out);
    assert.match(out, /^Server Version: v1\.33\.\d+/m, out);
    const j = JSON.parse(await x.ok(['version', '-o', 'json']));
    assert.match(j.serverVersion.gitVersion, /^v1\.33\.\d+/);
    assert.equal(j.serverVersion.major, '1');
    assert.equal(j.serverVersion.minor, '33');
  });

  s.e2e('cluster-info names the control plane URL', async (x) => {
    const out = stripAnsi(await x.ok(['cluster-info']));
    assertIncludes(out, `Kubernetes control plane is running at ${x.cluster.url}`);
  });

  s.e2e('api-resources lists built-in kinds with short names, group versions and scope', async (x) => {
    const out = await x.ok(['api-resources']);
    assert.deepEqual(header(out), ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    assert.deepEqual(row(out, 'deployments'), { NAME: 'deployments', SHORTNAMES: 'deploy', APIVERSION: 'apps/v1', NAMESPACED: 'true', KIND: 'Deployment' });
    assert.deepEqual(row(out, 'pods'), { NAME: 'pods', SHORTNAMES: 'po', APIVERSION: 'v1', NAMESPACED: 'true', KIND: 'Pod' });
    assert.deepEqual(row(out, 'namespaces'), { NAME: 'namespaces', SHORTNAMES: 'ns', APIVERSION: 'v1', NAMESPACED: 'false', KIND: 'Namespace' });
    assert.deepEqual(row(out, 'jobs'), { NAME: 'jobs', SHORTNAMES: '', APIVERSION: 'batch/v1', NAMESPACED: 'true', KIND: 'Job' });
    assert.equal(row(out, 'cronjobs')?.['APIVERSION'], 'batch/v1');
    assert.equal(row(out, 'ingresses')?.['APIVERSION'], 'networking.k8s.io/v1');
    // Verbs come from discovery too.
    const wide = await x.ok(['api-resources', '--api-group=apps', '-o', 'wide']);
    assert.equal(row(wide, 'deployments')?.['VERBS'], 'create,delete,deletecollection,get,list,patch,update,watch', wide);
    const names = await x.ok(['api-resources', '--namespaced=false', '-o', 'name']);
    assert.ok(names.split('\n').includes('namespaces'), names);
    assert.ok(!names.split('\n').includes('pods'), names);
  });

  s.e2e('api-versions lists the served group versions', async (x) => {
    const lines = (await x.ok(['api-versions'])).trim().split('\n');
    for (const gv of ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1', 'policy/v1', 'storage.k8s.io/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'autoscaling/v2']) {
      assert.ok(lines.includes(gv), `${gv} missing from api-versions:\n${lines.join('\n')}`);
    }
  });

  s.e2e('explain prints field descriptions', async (x) => {
    const r = await x.k(['explain', 'deployment.spec.replicas']);
    assert.equal(r.code, 0, describeResult(r));
    assert.match(r.stdout, /KIND:\s+Deployment/);
    assert.match(r.stdout, /GROUP:\s+apps\n/);
    assert.match(r.stdout, /VERSION:\s+v1\n/);
    assert.match(r.stdout, /FIELD:\s+replicas\s+<integer>/);
    assert.match(r.stdout, /DESCRIPTION:\s*\n\s+\S.*desired pods/i);
    const c = await x.k(['explain', 'pods.spec.containers']);
    assert.equal(c.code, 0, describeResult(c));
    assert.match(c.stdout, /KIND:\s+Pod/);
    assert.match(c.stdout, /FIELD:\s+containers\s+<\[\]Container>/);
    assert.match(c.stdout, /FIELDS:/);
    assert.match(c.stdout, /^\s+image\s+<string>/m);
    assert.match(c.stdout, /^\s+name\s+<string>\s+-required-/m);
  });

  s.e2e('get ns shows STATUS Active', async (x) => {
    const out = await x.ok(['get', 'ns']);
    assert.deepEqual(header(out), ['NAME', 'STATUS', 'AGE']);
    for (const ns of ['default', 'kube-system', x.ns]) assert.equal(row(out, ns)?.['STATUS'], 'Active', out);
    const one = await x.ok(['get', 'namespace', x.ns, '-o', 'jsonpath={.status.phase}']);
    assert.equal(one, 'Active');
  });

  s.e2e('get pods -A has a NAMESPACE column; get pods shows READY and STATUS', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: POD('p1', { app: 'a' }) });
    const all = await x.ok(['get', 'pods', '-A']);
    assert.deepEqual(header(all), ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const r = row(all, 'p1', 1);
    assert.equal(r?.['NAMESPACE'], x.ns, all);
    assert.equal(r?.['READY'], '0/1', all);
    assert.equal(r?.['STATUS'], 'Pending', all);
    const here = await x.ok(['get', 'pods']);
    assert.deepEqual(header(here), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    assert.equal(tableRows(here).length, 2, here);
  });

  s.e2e('get on an empty namespace says No resources found', async (x) => {
    const r = await x.kn(['get', 'configmaps']);
    assert.equal(r.code, 0, describeResult(r));
    assert.equal(r.stdout, '');
    assertIncludes(r.stderr, `No resources found in ${x.ns} namespace.`, r);
  });

  s.e2e('get -o yaml, -o json, -o name, -o jsonpath', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: CM('c1', { app: 'a' }, { greeting: 'hello' }) });
    const yaml = await x.ok(['get', 'configmap', 'c1', '-o', 'yaml']);
    assert.match(yaml, /^apiVersion: v1$/m);
    assert.match(yaml, /^kind: ConfigMap$/m);
    assert.match(yaml, /^data:\n {2}greeting: hello$/m);
    assert.match(yaml, /^ {2}name: c1$/m);
    assert.match(yaml, new RegExp(`^  namespace: ${x.ns}$`, 'm'));
    assert.match(yaml, /^ {2}resourceVersion: "\d+"$/m);
    assert.match(yaml, /^ {2}uid: [0-9a-f-]{36}$/m);
    assert.match(yaml, /^ {2}creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$/m);

    const obj = await x.json(['configmap', 'c1']);
    assert.equal(obj.kind, 'ConfigMap');
    assert.equal(obj.data.greeting, 'hello');
    assert.deepEqual(obj.metadata.labels, { app: 'a' });

    await x.ok(['create', '-f', '-'], { stdin: CM('c2') });
    const list = await x.json(['configmaps']);
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items.map((i: any) => `${i.kind}/${i.metadata.name}`).sort(), ['ConfigMap/c1', 'ConfigMap/c2']);

    assert.equal(await x.ok(['get', 'configmaps', '-o', 'name']), 'configmap/c1\nconfigmap/c2\n');
    assert.equal(await x.ok(['get', 'configmaps', '-o', 'jsonpath={.items[*].metadata.name}']), 'c1 c2');
    assert.equal(await x.ok(['get', 'configmap', 'c1', '-o', 'jsonpath={.data.greeting}']), 'hello');
    assert.equal(await x.ok(['get', 'configmaps', '-o', 'jsonpath={.items[0].kind}']), 'ConfigMap');
    const cc = await x.ok(['get', 'configmaps', '-o', 'custom-columns=N:.metadata.name,G:.data.greeting']);
    assert.deepEqual(tableRows(cc), [['N', 'G'], ['c1', 'hello'], ['c2', '<none>']]);
  });

  s.e2e('get -o wide adds the wide columns', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: DEPLOY('web') });
    const narrow = await x.ok(['get', 'deployments']);
    assert.deepEqual(header(narrow), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.equal(row(narrow, 'web')?.['READY'], '0/2', narrow);
    const wide = await x.ok(['get', 'deployments', '-o', 'wide']);
    assert.deepEqual(header(wide), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    const r = row(wide, 'web');
    assert.equal(r?.['CONTAINERS'], 'web', wide);
    assert.equal(r?.['IMAGES'], 'nginx:1.25', wide);
    assert.equal(r?.['SELECTOR'], 'app=web', wide);

    await x.ok(['create', '-f', '-'], { stdin: POD('p1') });
    const pods = await x.ok(['get', 'pods', '-o', 'wide']);
    assert.deepEqual(header(pods), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
  });

  s.e2e('get -l and --field-selector filter on the server', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: CM('a1', { app: 'a', tier: 'fe' }) });
    await x.ok(['create', '-f', '-'], { stdin: CM('a2', { app: 'a', tier: 'be' }) });
    await x.ok(['create', '-f', '-'], { stdin: CM('b1', { app: 'b' }) });
    const names = async (...args: string[]) => (await x.ok(['get', 'configmaps', '-o', 'name', ...args])).trim().split('\n').filter(Boolean);
    assert.deepEqual(await names('-l', 'app=a'), ['configmap/a1', 'configmap/a2']);
    assert.deepEqual(await names('-l', 'app=a,tier!=fe'), ['configmap/a2']);
    assert.deepEqual(await names('-l', 'app in (a,b),!tier'), ['configmap/b1']);
    assert.deepEqual(await names('-l', 'tier'), ['configmap/a1', 'configmap/a2']);
    assert.deepEqual(await names('--field-selector', 'metadata.name=a2'), ['configmap/a2']);
    assert.deepEqual(await names('--field-selector', 'metadata.name!=a2'), ['configmap/a1', 'configmap/b1']);
    assert.deepEqual(await names('-l', 'app=a', '--field-selector', 'metadata.name=b1'), []);
    const bad = await x.kn(['get', 'configmaps', '--field-selector', 'spec.bogus=1']);
    assert.notEqual(bad.code, 0, describeResult(bad));
    assertIncludes(bad.stderr, 'BadRequest', bad);
  });

  s.e2e('get --chunk-size pages with continue tokens; --sort-by orders on full objects', async (x) => {
    for (const [n, k] of [['c', '1'], ['a', '3'], ['b', '2']] as const) await x.ok(['create', '-f', '-'], { stdin: CM(n, {}, { k }) });
    const r = await x.kn(['get', 'configmaps', '--chunk-size=1', '-o', 'name', '-v=6']);
    assert.equal(r.code, 0, describeResult(r));
    assert.equal(r.stdout, 'configmap/a\nconfigmap/b\nconfigmap/c\n');
    assert.equal((r.stderr.match(/configmaps\?continue=[^"&]+&limit=1" status="200 OK"/g) ?? []).length, 2, r.stderr);
    const table = await x.ok(['get', 'configmaps', '--chunk-size=2']);
    assert.deepEqual(tableRows(table).map((c) => c[0]), ['NAME', 'a', 'b', 'c']);
    const sorted = await x.ok(['get', 'configmaps', '--sort-by=.data.k']);
    assert.deepEqual(tableRows(sorted).map((c) => c[0]), ['NAME', 'c', 'b', 'a']);
  });

  s.e2e('wait --for=jsonpath sees a change made while it waits', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: CM('j', {}, { phase: 'one' }) });
    const waiter = x.bg(['wait', '--for=jsonpath={.data.phase}=two', 'configmap/j', '--timeout=20s', '-v=6'], { timeoutMs: 30_000 });
    await poll('kubectl wait to start watching', async () => /url="[^"]*configmaps\?[^"]*watch=true/.test(waiter.stderr), 10_000);
    await x.ok(['patch', 'configmap', 'j', '--type', 'merge', '-p', '{"data":{"phase":"two"}}']);
    const w = await waiter.done;
    assert.equal(w.code, 0, describeResult(w));
    assert.equal(w.stdout, 'configmap/j condition met\n');
  });

  s.e2e('get --show-labels and -L', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: CM('l1', { app: 'web', tier: 'fe' }) });
    await x.ok(['create', '-f', '-'], { stdin: CM('l2') });
    const out = await x.ok(['get', 'configmaps', '--show-labels']);
    assert.deepEqual(header(out), ['NAME', 'DATA', 'AGE', 'LABELS']);
    assert.equal(row(out, 'l1')?.['LABELS'], 'app=web,tier=fe', out);
    assert.equal(row(out, 'l2')?.['LABELS'], '<none>', out);
    assert.equal(row(out, 'l1')?.['DATA'], '1', out);
    const cols = await x.ok(['get', 'configmaps', '-L', 'app']);
    assert.deepEqual(header(cols), ['NAME', 'DATA', 'AGE', 'APP']);
    assert.equal(row(cols, 'l1')?.['APP'], 'web', cols);
  });

  s.e2e('get -w prints an object created while it watches, and exits at --request-timeout', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: CM('w1') });
    const started = Date.now();
    const watch = x.bg(['get', 'configmaps', '-w', '--request-timeout=3s'], { timeoutMs: 20_000 });
    await poll('the watch to list w1', async () => /^w1\s/m.test(watch.stdout));
    await x.ok(['create', '-f', '-'], { stdin: CM('w2') });
    await poll('the watch to print w2', async () => /^w2\s/m.test(watch.stdout), 10_000);
    const r = await watch.done;
    assert.equal(r.timedOut, false, `get -w did not exit at its --request-timeout\n${describeResult(r)}`);
    assert.ok(Date.now() - started < 15_000, 'get -w ran far past --request-timeout=3s');
    assert.deepEqual(header(r.stdout), ['NAME', 'DATA', 'AGE']);
    assert.match(r.stdout, /^w2\s+1\s+\S+$/m, describeResult(r));
  });

  s.e2e('get -w --output-watch-events with a field selector sees ADDED, MODIFIED and DELETED of one object', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: CM('other') });
    await x.ok(['create', '-f', '-'], { stdin: CM('ev') });
    const watch = x.bg(['get', 'configmaps', '-w', '--output-watch-events', '--field-selector', 'metadata.name=ev', '--request-timeout=3s'], { timeoutMs: 20_000 });
    // The initial list is printed as ADDED; changes after the list's resourceVersion must all arrive.
    await poll('ADDED ev', async () => /ADDED\s+ev\s/.test(watch.stdout), 10_000);
    await x.ok(['label', 'configmap', 'other', 'x=y']);
    await x.ok(['label', 'configmap', 'ev', 'x=y']);
    await poll('MODIFIED ev', async () => /MODIFIED\s+ev\s/.test(watch.stdout), 10_000);
    await x.ok(['delete', 'configmap', 'ev']);
    await poll('DELETED ev', async () => /DELETED\s+ev\s/.test(watch.stdout), 10_000);
    const r = await watch.done;
    assert.deepEqual(header(r.stdout), ['EVENT', 'NAME', 'DATA', 'AGE']);
    assert.ok(!/\bother\b/.test(r.stdout), `field selector ignored by watch:\n${r.stdout}`);
  });

  s.e2e('get all lists deployments, their replica sets and pods, and services (not configmaps)', async (x) => {
    await x.ok(['create', '-f', '-'], { stdin: DEPLOY('web') });
    await x.ok(['create', '-f', '-'], { stdin: SVC('web', 'web') });
    await x.ok(['create', '-f', '-'], { stdin: CM('not-in-all') });
    const out = await x.ok(['get', 'all']);
    assert.match(out, /^deployment\.apps\/web\s+0\/2\s/m, out);
    assert.match(out, /^service\/web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s/m, out);
    assert.ok(!out.includes('not-in-all'), out);
    // The deployment controller makes a ReplicaSet and its pods (Pending: no scheduler yet).
    const names = await poll('the replica set and its 2 pods in get all', async () => {
      const n = (await x.ok(['get', 'all', '-o', 'name'])).trim().split('\n').sort();
      return n.filter((l) => l.startsWith('pod/web-')).length === 2 ? n : undefined;
    });
    assert.deepEqual(names.map((n) => n.replace(/-[a-z0-9]{5,10}(-[a-z0-9]{5})?$/, '')), ['deployment.apps/web', 'pod/web', 'pod/web', 'replicaset.apps/web', 'service/web']);
  });

  s.e2e('errors: NotFound, AlreadyExists, Invalid name', async (x) => {
    const nf = await x.kn(['get', 'configmap', 'nope']);
    assert.equal(nf.code, 1, describeResult(nf));
    assert.equal(nf.stderr.trim(), 'Error from server (NotFound): configmaps "nope" not found');

    const nfd = await x.kn(['get', 'deployment', 'nope']);
    assert.equal(nfd.stderr.trim(), 'Error from server (NotFound): deployments.apps "nope" not found');

    const f = x.file('cm.json', CM('dup'));
    await x.ok(['create', '-f', f]);
    const dup = await x.kn(['create', '-f', f]);
    assert.equal(dup.code, 1, describeResult(dup));
    assert.equal(dup.stderr.trim(), `Error from server (AlreadyExists): error when creating "${f}": configmaps "dup" already exists`);

    const bad = await x.kn(['create', '-f', '-'], { stdin: CM('Bad_Name') });
    assert.equal(bad.code, 1, describeResult(bad));
    assertIncludes(bad.stderr, 'The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain', bad);

    const nsMissing = await x.k(['-n', `${x.ns}-missing`, 'create', '-f', '-'], { stdin: CM('c') });
    assert.equal(nsMissing.code, 1, describeResult(nsMissing));
    assertIncludes(nsMissing.stderr, `namespaces "${x.ns}-missing" not found`, nsMissing);
  });
});
