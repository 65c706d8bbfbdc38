/**
 * kubectl's imperative generators against a real `k8ts up` (SQLite and etcd). kubectl 1.32+ sends the typed
 * `create <kind>` bodies as protobuf (`application/vnd.kubernetes.protobuf`); each object is read back with -o json.
 * Also expose and run.
 */
import assert from 'node:assert/strict';
import { assertIncludes, describeBackends, describeResult } from './support/suite.js';

/** True when `ip` lies in 10.96.0.0/12 (10.96.0.0 – 10.111.255.255). */
function inServiceCidr(ip: string): boolean {
  const p = ip.split('.').map(Number);
  return p.length === 4 && p[0] === 10 && p[1]! >= 96 && p[1]! <= 111 && p.every((n) => Number.isInteger(n) && n >= 0 && n <= 255);
}

describeBackends('kubectl imperative commands', (s) => {
  s.e2e('create configmap --from-literal (protobuf body)', async (x) => {
    const r = await x.kn(['create', 'configmap', 'lit', '--from-literal=k=v', '--from-literal=other=with spaces', '-v=8']);
    assert.equal(r.code, 0, describeResult(r));
    assert.equal(r.stdout, 'configmap/lit created\n');
    assertIncludes(r.stderr, 'Content-Type: application/vnd.kubernetes.protobuf', r);
    const cm = await x.json(['configmap', 'lit']);
    assert.deepEqual(cm.data, { k: 'v', other: 'with spaces' });
    assert.equal(cm.metadata.namespace, x.ns);
    assert.match(cm.metadata.uid, /^[0-9a-f-]{36}$/);
    const mf = cm.metadata.managedFields?.[0];
    if (mf) assert.equal(mf.manager, 'kubectl-create');
  });

  s.e2e('create secret generic --from-literal', async (x) => {
    assert.equal(await x.ok(['create', 'secret', 'generic', 'sec', '--from-literal=user=admin', '--from-literal=pass=s3cr3t']), 'secret/sec created\n');
    const sec = await x.json(['secret', 'sec']);
    assert.equal(sec.type, 'Opaque');
    assert.deepEqual(sec.data, { user: Buffer.from('admin').toString('base64'), pass: Buffer.from('s3cr3t').toString('base64') });
    const out = await x.ok(['get', 'secrets']);
    assert.match(out, /^sec\s+Opaque\s+2\s+\S+$/m, out);
    assert.equal(await x.ok(['get', 'secret', 'sec', '-o', 'jsonpath={.data.pass}']), Buffer.from('s3cr3t').toString('base64'));
  });

  s.e2e('create namespace', async (x) => {
    const name = `${x.ns}-extra`;
    assert.equal(await x.ok(['create', 'namespace', name]), `namespace/${name} created\n`);
    const ns = await x.json(['namespace', name]);
    assert.equal(ns.kind, 'Namespace');
    assert.equal(ns.status.phase, 'Active');
    assert.deepEqual(ns.spec.finalizers, ['kubernetes']);
    assert.equal(ns.metadata.labels['kubernetes.io/metadata.name'], name);
    // It is usable at once.
    await x.ok(['-n', name, 'create', 'configmap', 'inside', '--from-literal=a=b']);
    assert.equal(await x.ok(['-n', name, 'get', 'configmap', 'inside', '-o', 'jsonpath={.data.a}']), 'b');
  });

  s.e2e('create deployment --image --replicas', async (x) => {
    assert.equal(await x.ok(['create', 'deployment', 'dep', '--image=nginx:1.25', '--replicas=2', '--port=80']), 'deployment.apps/dep created\n');
    const d = await x.json(['deployment', 'dep']);
    assert.equal(d.spec.replicas, 2);
    assert.deepEqual(d.spec.selector, { matchLabels: { app: 'dep' } });
    assert.deepEqual(d.metadata.labels, { app: 'dep' });
    assert.deepEqual(d.spec.template.metadata.labels, { app: 'dep' });
    const c = d.spec.template.spec.containers[0];
    assert.equal(c.name, 'nginx');
    assert.equal(c.image, 'nginx:1.25');
    assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.equal(d.metadata.generation, 1);
    assert.equal(d.spec.strategy.type, 'RollingUpdate');
  });

  s.e2e('create job --image', async (x) => {
    assert.equal(await x.ok(['create', 'job', 'once', '--image=busybox:1.36', '--', 'echo', 'hi']), 'job.batch/once created\n');
    const j = await x.json(['job', 'once']);
    const pod = j.spec.template.spec;
    assert.equal(pod.containers[0].name, 'once');
    assert.equal(pod.containers[0].image, 'busybox:1.36');
    assert.deepEqual(pod.containers[0].command, ['echo', 'hi']);
    assert.equal(pod.restartPolicy, 'Never');
    // Server defaults of a Job.
    assert.equal(j.spec.backoffLimit, 6);
    assert.equal(j.spec.completions, 1);
    assert.equal(j.spec.parallelism, 1);
    assert.ok(j.spec.selector?.matchLabels?.['batch.kubernetes.io/controller-uid'], `job selector not generated: ${JSON.stringify(j.spec.selector)}`);
  });

  s.e2e('create cronjob --image --schedule', async (x) => {
    assert.equal(await x.ok(['create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=*/5 * * * *', '--', 'date']), 'cronjob.batch/tick created\n');
    const cj = await x.json(['cronjob', 'tick']);
    assert.equal(cj.spec.schedule, '*/5 * * * *');
    const pod = cj.spec.jobTemplate.spec.template.spec;
    assert.equal(pod.containers[0].image, 'busybox:1.36');
    assert.deepEqual(pod.containers[0].command, ['date']);
    assert.equal(pod.restartPolicy, 'OnFailure');
    assert.equal(cj.spec.concurrencyPolicy, 'Allow');
    assert.equal(cj.spec.suspend, false);
    const out = await x.ok(['get', 'cronjobs']);
    assert.match(out, /^tick\s+\*\/5 \* \* \* \*\s+/m, out);
    // An invalid schedule is refused by the server's validation.
    const bad = await x.kn(['create', 'cronjob', 'bad', '--image=busybox', '--schedule=not a schedule']);
    assert.equal(bad.code, 1, describeResult(bad));
    assertIncludes(bad.stderr, 'spec.schedule', bad);
  });

  s.e2e('create service clusterip --tcp=80:8080', async (x) => {
    assert.equal(await x.ok(['create', 'service', 'clusterip', 'svc', '--tcp=80:8080']), 'service/svc created\n');
    const svc = await x.json(['service', 'svc']);
    assert.equal(svc.spec.type, 'ClusterIP');
    assert.ok(inServiceCidr(svc.spec.clusterIP), `clusterIP ${svc.spec.clusterIP} not in 10.96.0.0/12`);
    assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
    assert.deepEqual(svc.spec.ports, [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }]);
    assert.deepEqual(svc.spec.selector, { app: 'svc' });
    const out = await x.ok(['get', 'service', 'svc']);
    assert.match(out, new RegExp(`^svc\\s+ClusterIP\\s+${svc.spec.clusterIP.replace(/\./g, '\\.')}\\s+<none>\\s+80/TCP\\s`, 'm'), out);
  });

  s.e2e('expose deployment creates a service with the deployment selector and a ClusterIP', async (x) => {
    await x.ok(['create', 'deployment', 'web', '--image=nginx:1.25']);
    assert.equal(await x.ok(['expose', 'deployment', 'web', '--port=80', '--target-port=8080']), 'service/web exposed\n');
    const svc = await x.json(['service', 'web']);
    assert.deepEqual(svc.spec.selector, { app: 'web' });
    assert.deepEqual(svc.metadata.labels, { app: 'web' });
    assert.equal(svc.spec.ports[0].port, 80);
    assert.equal(svc.spec.ports[0].targetPort, 8080);
    assert.equal(svc.spec.ports[0].protocol, 'TCP');
    assert.equal(svc.spec.type, 'ClusterIP');
    assert.ok(inServiceCidr(svc.spec.clusterIP), `clusterIP ${svc.spec.clusterIP} not in 10.96.0.0/12`);
    // Two services never share an address.
    await x.ok(['expose', 'deployment', 'web', '--port=81', '--name=web2']);
    const other = await x.json(['service', 'web2']);
    assert.notEqual(other.spec.clusterIP, svc.spec.clusterIP);
  });

  s.e2e('run creates a pod labelled run=<name> that stays Pending (no scheduler)', async (x) => {
    assert.equal(await x.ok(['run', 'sleeper', '--image=busybox', '--', 'sleep', '1']), 'pod/sleeper created\n');
    const pod = await x.json(['pod', 'sleeper']);
    assert.deepEqual(pod.metadata.labels, { run: 'sleeper' });
    assert.equal(pod.spec.containers.length, 1);
    assert.equal(pod.spec.containers[0].name, 'sleeper');
    assert.equal(pod.spec.containers[0].image, 'busybox');
    assert.deepEqual(pod.spec.containers[0].args, ['sleep', '1']);
    assert.equal(pod.spec.restartPolicy, 'Always');
    assert.equal(pod.spec.dnsPolicy, 'ClusterFirst');
    assert.equal(pod.spec.containers[0].imagePullPolicy, 'Always'); // no tag → :latest → Always
    assert.equal(pod.status.phase, 'Pending');
    assert.equal(pod.spec.nodeName, undefined);
    const out = await x.ok(['get', 'pods', '-l', 'run=sleeper']);
    assert.match(out, /^sleeper\s+0\/1\s+Pending\s+0\s+\S+$/m, out);
  });

  s.e2e('create --dry-run=server persists nothing; --dry-run=client -o yaml needs no write', async (x) => {
    const r = await x.kn(['create', 'configmap', 'dry', '--from-literal=a=b', '--dry-run=server', '-o', 'json']);
    assert.equal(r.code, 0, describeResult(r));
    const obj = JSON.parse(r.stdout);
    assert.equal(obj.data.a, 'b');
    assert.ok(obj.metadata.creationTimestamp, 'server dry run returns the would-be object with server fields');
    const absent = await x.kn(['get', 'configmap', 'dry']);
    assert.equal(absent.code, 1, `dry run persisted the object:\n${describeResult(absent)}`);
    const y = await x.ok(['create', 'deployment', 'dd', '--image=nginx', '--dry-run=client', '-o', 'yaml']);
    assert.match(y, /^kind: Deployment$/m);
    assert.equal((await x.kn(['get', 'deployment', 'dd'])).code, 1);
  });
});
