/**
 * Controllers that follow nodes, against `k8ts up --hollow-nodes 2` (scheduler and controllers in-process) plus
 * hollow nodes of a separate `k8ts sim` process that the tests start and stop:
 *  - a DaemonSet runs one pod per node and follows a node that joins and one that is deleted (the pod of a deleted
 *    node is removed by the pod GC after its 40 s quarantine, as upstream);
 *  - a node whose kubelet stops renewing its Lease goes NotReady (Ready=Unknown after the 50 s grace period) and gets
 *    the unreachable taints; its pods are evicted after their tolerationSeconds — shortened here by the pods' own
 *    tolerations, as a user would — and the ReplicaSet replaces them.
 */
import assert from 'node:assert/strict';
import { startComponent, type ComponentProcess } from './support/component.js';
import { describeBackends, poll, type E2E } from './support/suite.js';

const SIM_READY = /✓ \d+ hollow node\(s\) registered/;

interface PodView {
  name: string;
  node: string;
  phase: string;
  deleting: boolean;
}

async function pods(x: E2E, selector: string): Promise<PodView[]> {
  const list = await x.json(['pods', '-l', selector]);
  return (list.items as any[]).map((p) => ({
    name: p.metadata.name,
    node: p.spec.nodeName ?? '',
    phase: p.status?.phase ?? '',
    deleting: Boolean(p.metadata.deletionTimestamp),
  }));
}

async function startSim(x: E2E, prefix: string): Promise<ComponentProcess> {
  return startComponent(x.cluster, ['sim', '--nodes', '1', '--name-prefix', prefix], SIM_READY);
}

const daemonSet = (name: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${name} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: agent, image: busybox, command: [sleep, '3600'] }]
`;

const pinnedDeployment = (name: string, node: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      nodeSelector: { kubernetes.io/hostname: ${node} }
      tolerations:
      - { key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5 }
      - { key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5 }
      containers: [{ name: app, image: nginx }]
`;

describeBackends(
  'controllers: nodes come and go',
  (s) => {
    s.e2e('a DaemonSet runs one pod per node and follows a node that joins and one that is deleted', async (x) => {
      await x.ok(['apply', '-f', x.file('ds.yaml', daemonSet('agent'))]);
      const initial = await poll('a Running agent pod on each of the 2 nodes', async () => {
        const p = await pods(x, 'app=agent');
        return p.length === 2 && p.every((v) => v.phase === 'Running') && new Set(p.map((v) => v.node)).size === 2 ? p : false;
      }, 60_000);
      assert.deepEqual(initial.map((v) => v.node).sort(), ['hollow-node-0', 'hollow-node-1']);

      const prefix = `${x.ns}-extra-`;
      const node = `${prefix}0`;
      const sim = await startSim(x, prefix);
      try {
        await poll(`an agent pod Running on the new node ${node}`, async () => {
          const p = await pods(x, 'app=agent');
          return p.length === 3 && p.some((v) => v.node === node && v.phase === 'Running');
        }, 60_000);
        const ds = JSON.parse(await x.ok(['get', 'daemonset', 'agent', '-o', 'json']));
        await poll('DaemonSet status counts 3 nodes', async () => {
          const st = JSON.parse(await x.ok(['get', 'daemonset', 'agent', '-o', 'json'])).status;
          return st.desiredNumberScheduled === 3 && st.currentNumberScheduled === 3 && st.numberReady === 3;
        }, 30_000);
        assert.equal(ds.metadata.name, 'agent');
      } finally {
        await sim.stop();
      }
      assert.equal(await x.ok(['delete', 'node', node]), `node "${node}" deleted\n`);
      await poll('the agent pod of the deleted node gone (pod GC after its quarantine)', async () => {
        const p = await pods(x, 'app=agent');
        return p.length === 2 && p.every((v) => v.node !== node);
      }, 120_000, 1_000);
      const st = JSON.parse(await x.ok(['get', 'daemonset', 'agent', '-o', 'json'])).status;
      assert.equal(st.desiredNumberScheduled, 2);
    }, { timeoutMs: 240_000 });

    s.e2e('a node that stops renewing goes NotReady, is tainted, and its pods are evicted after tolerationSeconds', async (x) => {
      const prefix = `${x.ns}-lost-`;
      const node = `${prefix}0`;
      const sim = await startSim(x, prefix);
      let stopped = false;
      try {
        await x.ok(['apply', '-f', x.file('pinned.yaml', pinnedDeployment('pinned', node))]);
        const first = await poll(`the pinned pod Running on ${node}`, async () => {
          const p = await pods(x, 'app=pinned');
          return p.length === 1 && p[0]!.node === node && p[0]!.phase === 'Running' ? p[0] : false;
        }, 60_000);
        // The kubelet dies without a goodbye: its Lease and NodeStatus stop being renewed.
        await sim.stop('SIGKILL');
        stopped = true;
        const ready = await poll(`${node} Ready=Unknown with the unreachable NoExecute taint`, async () => {
          const n = JSON.parse(await x.ok(['get', 'node', node, '-o', 'json']));
          const cond = (n.status.conditions as any[]).find((c) => c.type === 'Ready');
          const taints = (n.spec.taints ?? []) as any[];
          return cond?.status === 'Unknown' && taints.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute') ? cond : false;
        }, 120_000, 1_000);
        assert.equal(ready.reason, 'NodeStatusUnknown');
        const table = await x.ok(['get', 'node', node]);
        assert.match(table, new RegExp(`^${node}\\s+NotReady`, 'm'));
        await poll('the pinned pod evicted (terminating) and replaced by a new pod', async () => {
          const p = await pods(x, 'app=pinned');
          const old = p.find((v) => v.name === first.name);
          return (!old || old.deleting) && p.some((v) => v.name !== first.name && !v.deleting);
        }, 60_000, 500);
      } finally {
        if (!stopped) await sim.stop();
        await x.k(['delete', 'node', node, '--wait=false']);
      }
    }, { timeoutMs: 240_000 });
  },
  ['--hollow-nodes', '2'],
);
