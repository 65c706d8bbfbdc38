/**
 * `k8ts controller-manager` as its own process against `k8ts up --no-controllers`: two of them elect one leader on
 * the Lease kube-system/kube-controller-manager, the leader reconciles, and when it stops the other takes over.
 */
import assert from 'node:assert/strict';
import { startComponent, type ComponentProcess } from './support/component.js';
import { describeBackends, poll, type E2E } from './support/suite.js';

const READY = /✓ \d+ controller\(s\) against https:\/\/\S+ \(leader election on kube-system\/kube-controller-manager as (\S+)\)/;

const identityOf = (p: ComponentProcess): string => READY.exec(p.log())![1]!;

async function holder(x: E2E): Promise<string | undefined> {
  const r = await x.k(['-n', 'kube-system', 'get', 'lease', 'kube-controller-manager', '-o', 'jsonpath={.spec.holderIdentity}']);
  return r.code === 0 && r.stdout ? r.stdout : undefined;
}

async function podCount(x: E2E, app: string): Promise<number> {
  return ((await x.json(['pods', '-l', `app=${app}`])).items as unknown[]).length;
}

describeBackends(
  'controller-manager',
  (s) => {
    s.e2e('two controller managers: one leads and reconciles, the other takes over when it stops', async (x) => {
      const args = ['controller-manager', '--secure-port', '0', '--controllers', '*'];
      const a = await startComponent(x.cluster, args, READY);
      const b = await startComponent(x.cluster, args, READY);
      try {
        const ids = new Map([[identityOf(a), a], [identityOf(b), b]]);
        const leaderId = await poll('a lease holder', async () => {
          const h = await holder(x);
          return h && ids.has(h) ? h : undefined;
        }, 30_000);
        await x.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
        await poll('2 pods of web', async () => (await podCount(x, 'web')) === 2, 30_000);

        const leader = ids.get(leaderId)!;
        const other = leader === a ? b : a;
        await leader.stop('SIGTERM');
        assert.equal(leader.exitCode, 0, leader.log().slice(-2000));
        await poll('the other manager to take the lease', async () => (await holder(x)) === identityOf(other), 30_000);
        await x.ok(['scale', 'deployment', 'web', '--replicas=3']);
        await poll('3 pods of web after the takeover', async () => (await podCount(x, 'web')) === 3, 30_000);
      } finally {
        await a.stop();
        await b.stop();
      }
    }, { timeoutMs: 150_000 });
  },
  ['--no-controllers'],
);
