/**
 * The controller manager inside `k8ts up --hollow-nodes 3`, driven by the real kubectl (SQLite and etcd):
 * hollow nodes, Deployments (create, rolling update within maxSurge/maxUnavailable, rollout status/history/undo,
 * scale) and the garbage collector's cascading and orphaning deletes.
 *
 * The scheduler of `k8ts up` places the pods on the hollow nodes.
 */
import assert from 'node:assert/strict';
import { assertIncludes, describeBackends, poll, row, tableRows, type E2E } from './support/suite.js';

const NODES = 3;
const ROLLOUT_TIMEOUT = ['--timeout=60s'];

/** Waits until `kubectl get pods -l <selector>` lists exactly `n` pods, all `1/1 Running` (none terminating). */
async function waitPodsRunning(x: E2E, selector: string, n: number, timeoutMs = 30_000): Promise<string[][]> {
  return poll(
    `${n} pods (${selector}) 1/1 Running`,
    async () => {
      const r = await x.kn(['get', 'pods', '-l', selector]);
      if (r.code !== 0) return false;
      const rows = tableRows(r.stdout).slice(1);
      return rows.length === n && rows.every((c) => c[1] === '1/1' && c[2] === 'Running') ? rows : false;
    },
    timeoutMs,
  );
}

/** The names in `kubectl get <what> -o name`-style output, without the `kind/` prefix. */
async function names(x: E2E, what: string[]): Promise<string[]> {
  const out = await x.ok(['get', ...what, '-o', 'name']);
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(l.indexOf('/') + 1))
    .sort();
}

interface Sample {
  /** Pods without a deletionTimestamp. */
  pods: number;
  /** Of those, with Ready=True. */
  ready: number;
  /** Sum of the ReplicaSets' spec.replicas. */
  rsReplicas: number;
}

/** Polls `kubectl get pods,rs -l <selector> -o json` back to back until stopped; every answer is one sample. */
function sampleCounts(x: E2E, selector: string): { stop(): Promise<Sample[]> } {
  const samples: Sample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const r = await x.kn(['get', 'pods,replicasets', '-l', selector, '-o', 'json']);
      if (r.code !== 0) continue;
      const items: any[] = JSON.parse(r.stdout).items;
      const live = items.filter((o) => o.kind === 'Pod' && !o.metadata.deletionTimestamp);
      samples.push({
        pods: live.length,
        ready: live.filter((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length,
        rsReplicas: items.filter((o) => o.kind === 'ReplicaSet').reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0),
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

/** The pod counts after every event of `kubectl get pods -w --output-watch-events` (see `watchFormat`). */
function replayWatch(out: string): { pods: number; ready: number; line: string }[] {
  const live = new Map<string, { terminating: boolean; ready: boolean }>();
  const states: { pods: number; ready: number; line: string }[] = [];
  for (const line of out.split('\n').filter(Boolean)) {
    const [type, name, deletion, ready] = line.split('|');
    assert.ok(type && name, `unexpected watch line ${JSON.stringify(line)}`);
    if (type === 'DELETED') live.delete(name);
    else live.set(name, { terminating: Boolean(deletion), ready: ready === 'True' });
    const running = [...live.values()].filter((p) => !p.terminating);
    states.push({ pods: running.length, ready: running.filter((p) => p.ready).length, line });
  }
  return states;
}
const watchFormat = 'jsonpath={.type}|{.object.metadata.name}|{.object.metadata.deletionTimestamp}|{.object.status.conditions[?(@.type=="Ready")].status}{"\\n"}';

describeBackends(
  'controllers: nodes, deployments, garbage collection',
  (s) => {

    s.e2e('kubectl get nodes: 3 Ready hollow nodes with renewed leases', async (x) => {
      const rows = await poll('3 Ready nodes', async () => {
        const r = await x.k(['get', 'nodes']);
        const rows = tableRows(r.stdout);
        return r.code === 0 && rows.length === NODES + 1 && rows.slice(1).every((c) => c[1] === 'Ready') ? rows : false;
      });
      assert.deepEqual(rows[0]!.slice(0, 5), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
      assert.deepEqual(
        rows.slice(1).map((c) => c[0]),
        ['hollow-node-0', 'hollow-node-1', 'hollow-node-2'],
      );
      const leases = await x.json(['leases', '-n', 'kube-node-lease']);
      for (let i = 0; i < NODES; i++) {
        const lease = leases.items.find((l: any) => l.metadata.name === `hollow-node-${i}`);
        assert.ok(lease, `no lease for hollow-node-${i}`);
        assert.equal(lease.spec.holderIdentity, `hollow-node-${i}`);
        assert.ok(lease.spec.renewTime, 'lease never renewed');
      }
    });

    s.e2e('create deployment --replicas=3: 3 pods Running on the hollow nodes, rollout status succeeds', async (x) => {
      assert.equal(await x.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']), 'deployment.apps/web created\n');
      const st = await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
      assertIncludes(st, 'deployment "web" successfully rolled out');
      await waitPodsRunning(x, 'app=web', 3);
      const d = row(await x.ok(['get', 'deployment', 'web']), 'web');
      assert.deepEqual([d?.['READY'], d?.['UP-TO-DATE'], d?.['AVAILABLE']], ['3/3', '3', '3']);
      const rs = tableRows(await x.ok(['get', 'replicasets', '-l', 'app=web'])).slice(1);
      assert.equal(rs.length, 1, 'one ReplicaSet');
      assert.match(rs[0]![0]!, /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
      assert.deepEqual(rs[0]!.slice(1, 4), ['3', '3', '3']);
      const wide = tableRows(await x.ok(['get', 'pods', '-l', 'app=web', '-o', 'wide']));
      const nodeCol = wide[0]!.indexOf('NODE');
      for (const c of wide.slice(1)) {
        assert.match(c[0]!, new RegExp(`^${rs[0]![0]}-[a-z0-9]{5}$`));
        assert.match(c[nodeCol]!, /^hollow-node-[0-2]$/);
      }
      const d2 = await x.json(['deployment', 'web']);
      assert.equal(d2.metadata.annotations['deployment.kubernetes.io/revision'], '1');
      const conds = Object.fromEntries(d2.status.conditions.map((c: any) => [c.type, c]));
      assert.equal(conds.Available?.status, 'True');
      assert.equal(conds.Progressing?.status, 'True');
      assert.equal(conds.Progressing?.reason, 'NewReplicaSetAvailable');
    });

    s.e2e('set image: rolling update within maxSurge/maxUnavailable; rollout history; rollout undo', async (x) => {
      await x.ok(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3']);
      await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
      await waitPodsRunning(x, 'app=web', 3);
      const d0 = await x.json(['deployment', 'web']);
      // The defaults: 25% of 3 → maxSurge 1 (rounded up), maxUnavailable 0 (rounded down).
      assert.deepEqual(d0.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
      const [oldRs] = await names(x, ['replicasets', '-l', 'app=web']);
      const maxPods = 3 + 1;
      const minReady = 3 - 0;

      // Every pod event, from kubectl's own watch, and back-to-back snapshots of pods and ReplicaSets.
      const watch = x.bg(['get', 'pods', '-l', 'app=web', '-w', '--output-watch-events', '-o', watchFormat], { timeoutMs: 80_000 });
      await poll('the pod watch lists the 3 pods', async () => watch.stdout.split('\n').filter(Boolean).length >= 3);
      const sampler = sampleCounts(x, 'app=web');

      assert.equal(await x.ok(['set', 'image', 'deployment/web', 'nginx=nginx:1.27']), 'deployment.apps/web image updated\n');
      const st = await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
      assertIncludes(st, 'deployment "web" successfully rolled out');
      const pods = await waitPodsRunning(x, 'app=web', 3);
      const samples = await sampler.stop();
      watch.kill();
      await watch.done;

      // A new ReplicaSet with all 3, the old one scaled to 0 (kept for history).
      const rsNames = await names(x, ['replicasets', '-l', 'app=web']);
      assert.equal(rsNames.length, 2, `two ReplicaSets: ${rsNames.join(', ')}`);
      const newRs = rsNames.find((n) => n !== oldRs)!;
      const rsOut = await x.ok(['get', 'replicasets', '-l', 'app=web']);
      assert.deepEqual(['DESIRED', 'CURRENT', 'READY'].map((h) => row(rsOut, newRs)?.[h]), ['3', '3', '3'], rsOut);
      assert.deepEqual(['DESIRED', 'CURRENT', 'READY'].map((h) => row(rsOut, oldRs!)?.[h]), ['0', '0', '0'], rsOut);
      for (const p of pods) assert.ok(p[0]!.startsWith(`${newRs}-`), `pod ${p[0]} is not of the new ReplicaSet ${newRs}`);
      assert.equal(await x.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].image}']), 'nginx:1.27 nginx:1.27 nginx:1.27');

      // The surge bound, as seen by every watch event and every snapshot.
      const states = replayWatch(watch.stdout);
      const created = new Set(states.filter((e) => e.line.startsWith('ADDED')).map((e) => e.line.split('|')[1]));
      assert.ok(created.size >= 6, `the watch saw ${created.size} pods, want the 3 old and 3 new:\n${watch.stdout}`);
      for (const e of states.slice(3)) {
        assert.ok(e.pods <= maxPods, `${e.pods} pods (> replicas + maxSurge = ${maxPods}) after "${e.line}":\n${watch.stdout}`);
        assert.ok(e.ready >= minReady, `${e.ready} ready pods (< replicas - maxUnavailable = ${minReady}) after "${e.line}":\n${watch.stdout}`);
      }
      assert.ok(samples.length >= 3, `only ${samples.length} samples`);
      for (const smp of samples) {
        assert.ok(smp.pods <= maxPods, `sample with ${smp.pods} pods > ${maxPods}: ${JSON.stringify(samples)}`);
        assert.ok(smp.rsReplicas <= maxPods, `ReplicaSets scaled to ${smp.rsReplicas} > ${maxPods}: ${JSON.stringify(samples)}`);
        assert.ok(smp.ready >= minReady, `sample with ${smp.ready} ready pods < ${minReady}: ${JSON.stringify(samples)}`);
      }

      // rollout history: two revisions; revision 2 is the new image.
      const hist = await x.ok(['rollout', 'history', 'deployment/web']);
      assertIncludes(hist, 'deployment.apps/web');
      const revs = tableRows(hist.slice(hist.indexOf('REVISION'))).slice(1).map((c) => c[0]);
      assert.deepEqual(revs, ['1', '2'], hist);
      assertIncludes(await x.ok(['rollout', 'history', 'deployment/web', '--revision=2']), /Image:\s+nginx:1\.27/);
      assertIncludes(await x.ok(['rollout', 'history', 'deployment/web', '--revision=1']), /Image:\s+nginx:1\.25/);

      // rollout undo: back to the previous template, as revision 3.
      assert.equal(await x.ok(['rollout', 'undo', 'deployment/web']), 'deployment.apps/web rolled back\n');
      const st2 = await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
      assertIncludes(st2, 'deployment "web" successfully rolled out');
      await waitPodsRunning(x, 'app=web', 3);
      assert.equal(await x.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'nginx:1.25');
      assert.equal(await x.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].image}']), 'nginx:1.25 nginx:1.25 nginx:1.25');
      assert.equal(await x.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '3');
      const hist2 = await x.ok(['rollout', 'history', 'deployment/web']);
      assert.equal(tableRows(hist2.slice(hist2.indexOf('REVISION'))).slice(1).at(-1)?.[0], '3', hist2);
      // Exactly one ReplicaSet holds replicas, and it runs the old image.
      const live = (await x.json(['replicasets', '-l', 'app=web'])).items.filter((r: any) => r.spec.replicas > 0);
      assert.equal(live.length, 1);
      assert.equal(live[0].spec.template.spec.containers[0].image, 'nginx:1.25');
    });

    s.e2e(
      'rollout undo reuses the ReplicaSet of the revision it returns to (no new ReplicaSet; history 2, 3)',
      async (x) => {
        await x.ok(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=1']);
        await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
        const [first] = await names(x, ['replicasets', '-l', 'app=web']);
        await x.ok(['set', 'image', 'deployment/web', 'nginx=nginx:1.27']);
        await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
        await x.ok(['rollout', 'undo', 'deployment/web']);
        await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
        // Upstream: the template equals revision 1's ReplicaSet, so that ReplicaSet is scaled back up and becomes
        // revision 3; no third ReplicaSet appears and revision 1 leaves the history.
        const rsNames = await names(x, ['replicasets', '-l', 'app=web']);
        assert.equal(rsNames.length, 2, `ReplicaSets after undo: ${rsNames.join(', ')}`);
        assert.equal(await x.ok(['get', 'rs', first!, '-o', 'jsonpath={.spec.replicas}/{.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '1/3');
        const hist = await x.ok(['rollout', 'history', 'deployment/web']);
        assert.deepEqual(tableRows(hist.slice(hist.indexOf('REVISION'))).slice(1).map((c) => c[0]), ['2', '3'], hist);
      },
    );

    s.e2e('scale --replicas=5, then --replicas=1', async (x) => {
      await x.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
      await waitPodsRunning(x, 'app=web', 2);
      assert.equal(await x.ok(['scale', 'deployment/web', '--replicas=5']), 'deployment.apps/web scaled\n');
      await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
      await waitPodsRunning(x, 'app=web', 5);
      await poll('deployment READY 5/5', async () => row(await x.ok(['get', 'deployment', 'web']), 'web')?.['READY'] === '5/5');
      const [rs] = await names(x, ['replicasets', '-l', 'app=web']);
      assert.equal(await x.ok(['get', 'rs', rs!, '-o', 'jsonpath={.spec.replicas}']), '5');

      assert.equal(await x.ok(['scale', 'deployment/web', '--replicas=1']), 'deployment.apps/web scaled\n');
      await x.ok(['rollout', 'status', 'deployment/web', ...ROLLOUT_TIMEOUT], { timeoutMs: 70_000 });
      await waitPodsRunning(x, 'app=web', 1);
      await poll('deployment READY 1/1', async () => row(await x.ok(['get', 'deployment', 'web']), 'web')?.['READY'] === '1/1');
      // Scaling does not make a new revision.
      assert.deepEqual(await names(x, ['replicasets', '-l', 'app=web']), [rs]);
      const out = await x.ok(['get', 'rs', rs!]);
      assert.deepEqual(['DESIRED', 'CURRENT', 'READY'].map((h) => row(out, rs!)?.[h]), ['1', '1', '1'], out);
    });

    s.e2e('delete deployment cascades; delete --cascade=orphan keeps the ReplicaSet and its pods', async (x) => {
      await x.ok(['create', 'deployment', 'gone', '--image=nginx', '--replicas=2']);
      await x.ok(['create', 'deployment', 'kept', '--image=nginx', '--replicas=2']);
      await waitPodsRunning(x, 'app=gone', 2);
      const keptPods = await waitPodsRunning(x, 'app=kept', 2);
      const [keptRs] = await names(x, ['replicasets', '-l', 'app=kept']);
      const keptRsUid = await x.ok(['get', 'rs', keptRs!, '-o', 'jsonpath={.metadata.uid}']);

      // Orphan: kubectl waits until the deployment is gone, i.e. the garbage collector has removed the
      // ownerReferences from the ReplicaSet and then the orphan finalizer.
      assert.equal(await x.ok(['delete', 'deployment', 'kept', '--cascade=orphan', '--timeout=30s'], { timeoutMs: 40_000 }), 'deployment.apps "kept" deleted\n');
      const gone = await x.kn(['get', 'deployment', 'kept']);
      assert.notEqual(gone.code, 0);
      assertIncludes(gone.stderr, 'Error from server (NotFound): deployments.apps "kept" not found', gone);

      // Cascade (background): the ReplicaSet and pods of "gone" go away. Once they have, the garbage collector
      // has also processed the orphaning before it, so what is left of "kept" stays.
      assert.equal(await x.ok(['delete', 'deployment', 'gone', '--timeout=30s'], { timeoutMs: 40_000 }), 'deployment.apps "gone" deleted\n');
      await poll('the ReplicaSet and pods of "gone" deleted', async () => {
        const r = await x.kn(['get', 'replicasets,pods', '-l', 'app=gone', '-o', 'name']);
        return r.code === 0 && r.stdout.trim() === '';
      });

      const rs = await x.json(['replicaset', keptRs!]);
      assert.equal(rs.metadata.ownerReferences?.length ?? 0, 0, `ownerReferences left on the orphaned ReplicaSet: ${JSON.stringify(rs.metadata.ownerReferences)}`);
      assert.equal(rs.metadata.deletionTimestamp, undefined);
      assert.equal(rs.spec.replicas, 2);
      const out = await x.ok(['get', 'replicasets', '-l', 'app=kept']);
      assert.deepEqual(['DESIRED', 'CURRENT', 'READY'].map((h) => row(out, keptRs!)?.[h]), ['2', '2', '2'], out);
      // The same pods, still Running, still owned by the (kept) ReplicaSet only.
      const pods = await waitPodsRunning(x, 'app=kept', 2);
      assert.deepEqual(pods.map((c) => c[0]).sort(), keptPods.map((c) => c[0]).sort());
      for (const p of (await x.json(['pods', '-l', 'app=kept'])).items) {
        assert.deepEqual(
          p.metadata.ownerReferences.map((o: any) => [o.kind, o.name, o.uid, o.controller]),
          [['ReplicaSet', keptRs, keptRsUid, true]],
        );
      }
    });
  },
  ['--hollow-nodes', String(NODES)],
);
