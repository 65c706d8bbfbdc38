/**
 * The namespace, serviceaccount and endpoints/endpointslice controllers inside `k8ts up --hollow-nodes 3`, driven
 * by the real kubectl (SQLite and etcd): a deleted namespace is emptied and removed, every namespace gets its
 * `default` ServiceAccount, Endpoints and EndpointSlices follow the pods' readiness (the hollow kubelets' fake
 * prober reports a container not ready while the pod carries `k8ts.io/fake-ready: "false"`).
 *
 * The scheduler of `k8ts up` places the pods on the hollow nodes.
 */
import assert from 'node:assert/strict';
import { assertIncludes, describeBackends, poll, row, tableRows, type E2E } from './support/suite.js';

const NODES = 3;

/** Waits until `kubectl get pods -l <selector>` lists exactly `n` pods, all `1/1 Running` (none terminating). */
async function waitPodsRunning(x: E2E, selector: string, n: number, ns = x.ns, timeoutMs = 30_000): Promise<string[][]> {
  return poll(
    `${n} pods (${selector}) 1/1 Running in ${ns}`,
    async () => {
      const r = await x.k(['-n', ns, 'get', 'pods', '-l', selector]);
      if (r.code !== 0) return false;
      const rows = tableRows(r.stdout).slice(1);
      return rows.length === n && rows.every((c) => c[1] === '1/1' && c[2] === 'Running') ? rows : false;
    },
    timeoutMs,
  );
}

function pod(name: string, labels: Record<string, string>, annotations: Record<string, string> = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels, annotations },
    spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
  };
}

interface EndpointsView {
  ready: string[];
  notReady: string[];
}

/** Pod names in the Endpoints' addresses / notReadyAddresses (all subsets), sorted. */
async function endpointsOf(x: E2E, name: string): Promise<EndpointsView> {
  const ep = await x.json(['endpoints', name]);
  const names = (key: 'addresses' | 'notReadyAddresses'): string[] =>
    (ep.subsets ?? []).flatMap((s: any) => (s[key] ?? []).map((a: any) => a.targetRef?.name as string)).sort();
  return { ready: names('addresses'), notReady: names('notReadyAddresses') };
}

/** Pod name → ready condition over all the service's EndpointSlices. */
async function slicesOf(x: E2E, service: string): Promise<Record<string, boolean>> {
  const list = await x.json(['endpointslices', '-l', `kubernetes.io/service-name=${service}`]);
  const out: Record<string, boolean> = {};
  for (const s of list.items) for (const e of s.endpoints ?? []) out[e.targetRef.name] = e.conditions?.ready === true;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

describeBackends(
  'controllers: namespaces, service accounts, endpoints',
  (s) => {

    s.e2e('a new namespace gets the default ServiceAccount', async (x) => {
      const ns = `${x.ns}-sa`;
      assert.equal(await x.ok(['create', 'namespace', ns]), `namespace/${ns} created\n`);
      const out = await poll('serviceaccount default', async () => {
        const r = await x.k(['-n', ns, 'get', 'serviceaccounts']);
        return r.code === 0 && row(r.stdout, 'default') ? r.stdout : false;
      });
      assert.deepEqual(tableRows(out)[0]?.slice(0, 3), ['NAME', 'SECRETS', 'AGE']);
      const sa = JSON.parse(await x.ok(['-n', ns, 'get', 'serviceaccount', 'default', '-o', 'json']));
      assert.equal(sa.metadata.namespace, ns);
      // The test's own namespace got one too, and a deleted default ServiceAccount comes back.
      await poll('serviceaccount default in the test namespace', async () => (await x.kn(['get', 'serviceaccount', 'default'])).code === 0);
      assert.equal(await x.ok(['-n', ns, 'delete', 'serviceaccount', 'default']), 'serviceaccount "default" deleted\n');
      const again = await poll('serviceaccount default re-created', async () => {
        const r = await x.k(['-n', ns, 'get', 'serviceaccount', 'default', '-o', 'jsonpath={.metadata.uid}']);
        return r.code === 0 && r.stdout ? r.stdout : false;
      });
      assert.notEqual(again, sa.metadata.uid);
    });

    s.e2e('the controller manager\'s metrics are served on the API server\'s /metrics', async (x) => {
      await x.ok(['create', 'configmap', 'touch', '--from-literal=a=b']);
      const text = await poll('workqueue metrics of the serviceaccount controller', async () => {
        const out = await x.ok(['get', '--raw', '/metrics']);
        return /^workqueue_adds_total\{name="serviceaccount"\} [1-9]/m.test(out) ? out : false;
      });
      assert.match(text, /^apiserver_request_total\{/m, 'the API server\'s own metrics come first');
      assert.match(text, /^leader_election_master_status\{name="kube-controller-manager"\} 1$/m);
      for (const family of ['workqueue_depth', 'workqueue_queue_duration_seconds_bucket', 'workqueue_work_duration_seconds_count', 'workqueue_retries_total']) {
        assert.match(text, new RegExp(`^${family}\\{[^}]*name="deployment"`, 'm'), family);
      }
    });

    s.e2e('kubectl delete namespace empties it and removes it', async (x) => {
      const ns = `${x.ns}-doomed`;
      await x.ok(['create', 'namespace', ns]);
      await x.ok(['-n', ns, 'create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
      await x.ok(['-n', ns, 'create', 'configmap', 'cfg', '--from-literal=a=b']);
      await x.ok(['-n', ns, 'create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
      await x.ok(['-n', ns, 'create', 'job', 'once', '--image=busybox', '--', 'sleep', '300']);
      await waitPodsRunning(x, 'app=web', 2, ns);

      // `kubectl delete namespace` waits until it is gone; meanwhile it is Terminating and takes nothing new.
      const del = x.bg(['-n', 'default', 'delete', 'namespace', ns, '--timeout=60s'], { timeoutMs: 70_000 });
      const term = await poll('namespace Terminating', async () => {
        const r = await x.k(['get', 'namespace', ns]);
        return row(r.stdout, ns)?.['STATUS'] === 'Terminating' ? r.stdout : false;
      });
      assert.ok(term);
      const creating = await x.k(['-n', ns, 'create', 'configmap', 'late', '--from-literal=a=b']);
      assert.notEqual(creating.code, 0);
      assertIncludes(creating.stderr, 'because it is being terminated', creating);
      // The controller reports what it waits for (upstream's condition types).
      await poll('NamespaceContentRemaining on the Terminating namespace', async () => {
        const conds: any[] = (await x.json(['namespace', ns])).status.conditions ?? [];
        return conds.some((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True');
      });

      const r = await del.done;
      assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, `namespace "${ns}" deleted\n`);
      const gone = await x.k(['get', 'namespace', ns]);
      assert.notEqual(gone.code, 0);
      assertIncludes(gone.stderr, `Error from server (NotFound): namespaces "${ns}" not found`, gone);
      for (const kind of ['pods', 'replicasets.apps', 'deployments.apps', 'configmaps', 'services', 'jobs.batch', 'serviceaccounts', 'endpoints']) {
        const r = await x.k(['-n', ns, 'get', kind, '-o', 'name']);
        assert.equal(r.code, 0, `${r.stdout}${r.stderr}`);
        assert.equal(r.stdout, '', `${kind} left in the deleted namespace`);
      }
    });

    s.e2e('Endpoints and EndpointSlices follow pod readiness', async (x) => {
      const labels = { app: 'ep' };
      await x.ok(['create', '-f', '-'], {
        stdin: JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: [
            pod('ready', labels),
            pod('unready', labels, { 'k8ts.io/fake-ready': 'false' }),
            pod('other', { app: 'other' }),
            { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ep' }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
          ],
        }),
      });
      const want = { ready: ['ready'], notReady: ['unready'] };
      await poll('Endpoints: ready in addresses, unready in notReadyAddresses', async () => JSON.stringify(await endpointsOf(x, 'ep')) === JSON.stringify(want) || false);
      const ep = await x.json(['endpoints', 'ep']);
      assert.equal(ep.subsets.length, 1);
      const readyIp = await x.ok(['get', 'pod', 'ready', '-o', 'jsonpath={.status.podIP}']);
      const unreadyIp = await x.ok(['get', 'pod', 'unready', '-o', 'jsonpath={.status.podIP}']);
      assert.equal(ep.subsets[0].addresses[0].ip, readyIp);
      assert.match(ep.subsets[0].addresses[0].nodeName, /^hollow-node-[0-2]$/);
      assert.equal(ep.subsets[0].notReadyAddresses[0].ip, unreadyIp);
      // The named targetPort resolved to the container port.
      assert.deepEqual(ep.subsets[0].ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
      // kubectl shows only the ready address.
      const out = await x.ok(['get', 'endpoints', 'ep']);
      assert.equal(row(out, 'ep')?.['ENDPOINTS'], `${readyIp}:8080`, out);
      const unready = await x.ok(['get', 'pod', 'unready']);
      assert.equal(row(unready, 'unready')?.['READY'], '0/1', unready);
      assert.equal(row(unready, 'unready')?.['STATUS'], 'Running', unready);
      await poll('EndpointSlices: ready true / false', async () => JSON.stringify(await slicesOf(x, 'ep')) === JSON.stringify({ ready: true, unready: false }) || false);

      // Readiness flips: the endpoints follow.
      await x.ok(['annotate', 'pod', 'unready', 'k8ts.io/fake-ready=true', '--overwrite']);
      await x.ok(['annotate', 'pod', 'ready', 'k8ts.io/fake-ready=false', '--overwrite']);
      await poll('Endpoints after the flip', async () => JSON.stringify(await endpointsOf(x, 'ep')) === JSON.stringify({ ready: ['unready'], notReady: ['ready'] }) || false);
      await poll('EndpointSlices after the flip', async () => JSON.stringify(await slicesOf(x, 'ep')) === JSON.stringify({ ready: false, unready: true }) || false);

      // A deleted pod leaves; a new matching pod joins once it is ready.
      await x.ok(['delete', 'pod', 'ready']);
      await x.ok(['create', '-f', '-'], { stdin: JSON.stringify(pod('late', labels)) });
      await poll('Endpoints after delete and add', async () => JSON.stringify(await endpointsOf(x, 'ep')) === JSON.stringify({ ready: ['late', 'unready'], notReady: [] }) || false);
      await poll('EndpointSlices after delete and add', async () => JSON.stringify(await slicesOf(x, 'ep')) === JSON.stringify({ late: true, unready: true }) || false);
    });
  },
  ['--hollow-nodes', String(NODES)],
);
