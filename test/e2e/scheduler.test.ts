/**
 * The scheduler of `k8ts up --hollow-nodes 2` through the real kubectl: a pod that fits nowhere stays Pending with
 * the upstream FailedScheduling message and PodScheduled=False, `k8ts explain-schedule` shows every node's verdict,
 * and the pod is scheduled as soon as a node that fits joins (`k8ts sim`).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './support/cluster.js';
import { startComponent } from './support/component.js';
import { describeBackends, poll, type E2E } from './support/suite.js';

function explainSchedule(x: E2E, pod: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/k8ts.js'), 'explain-schedule', pod, '-n', x.ns, '--kubeconfig', x.cluster.kubeconfig], {
      env: { ...process.env, K8TS_FROM_SOURCE: '1', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describeBackends(
  'scheduler',
  (s) => {
    s.e2e('a pod that fits nowhere stays Pending, is explained per node, and is scheduled when a fitting node joins', async (x) => {
      const prefix = `${x.ns}-late-`;
      const node = `${prefix}0`;
      await x.ok(['run', 'waiting', '--image=nginx', `--overrides={"spec":{"nodeSelector":{"kubernetes.io/hostname":"${node}"}}}`]);
      const message = await poll('a FailedScheduling event', async () => {
        const ev = await x.json(['events', '--field-selector', 'reason=FailedScheduling,involvedObject.name=waiting']);
        return ev.items[0]?.message as string | undefined;
      }, 30_000);
      assert.equal(
        message,
        "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
      );
      const pod = await x.json(['pod', 'waiting']);
      assert.equal(pod.status.phase, 'Pending');
      const cond = pod.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled');
      assert.deepEqual([cond.status, cond.reason], ['False', 'Unschedulable']);

      const explained = await explainSchedule(x, 'waiting');
      assert.equal(explained.code, 0, explained.out);
      const rows = explained.out.split('\n').filter((l) => l.startsWith('hollow-node-'));
      assert.deepEqual(rows.map((l) => l.split(/\s{2,}/)), [
        ['hollow-node-0', 'UnschedulableAndUnresolvable', 'NodeAffinity', "node(s) didn't match Pod's node affinity/selector"],
        ['hollow-node-1', 'UnschedulableAndUnresolvable', 'NodeAffinity', "node(s) didn't match Pod's node affinity/selector"],
      ]);
      assert.match(explained.out, /^NODE\s+VERDICT\s+PLUGIN\s+REASON$/m);

      const sim = await startComponent(x.cluster, ['sim', '--nodes', '1', '--name-prefix', prefix], /✓ \d+ hollow node\(s\) registered/);
      try {
        await poll(`the pod bound to ${node} and Running`, async () => {
          const p = await x.json(['pod', 'waiting']);
          return p.spec.nodeName === node && p.status.phase === 'Running';
        }, 60_000);
        const scheduled = await x.json(['events', '--field-selector', 'reason=Scheduled,involvedObject.name=waiting']);
        assert.equal(scheduled.items[0]?.message, `Successfully assigned ${x.ns}/waiting to ${node}`);
        const after = await explainSchedule(x, 'waiting');
        assert.equal(after.out, `Pod ${x.ns}/waiting is scheduled to node ${node}.\n`);
      } finally {
        await sim.stop();
        await x.k(['delete', 'node', node, '--wait=false']);
      }
    }, { timeoutMs: 150_000 });
  },
  ['--hollow-nodes', '2'],
);
