/**
 * The job and cronjob controllers inside `k8ts up --hollow-nodes 3`, driven by the real kubectl (SQLite and etcd):
 * a Job with completions/parallelism completes, a failing Job hits its backoffLimit, a CronJob fires on schedule.
 * The hollow kubelets' fake runtime runs `command: [sleep, N]` for N seconds and exits 0; the pod annotation
 * `k8ts.io/fake-exit-code` makes a container exit with that code (src/kubelet/runtime/fake/behavior.ts).
 *
 * The scheduler of `k8ts up` places the pods on the hollow nodes.
 */
import assert from 'node:assert/strict';
import { describeBackends, poll, row, tableRows, type E2E } from './support/suite.js';

const NODES = 3;

function job(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>, command?: string[]): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        ...(annotations ? { metadata: { annotations } } : {}),
        spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox', ...(command ? { command } : {}) }] },
      },
    },
  });
}

/** `kubectl get pods -l <selector>` rows (header dropped). */
async function podRows(x: E2E, selector: string): Promise<string[][]> {
  return tableRows(await x.ok(['get', 'pods', '-l', selector])).slice(1);
}

describeBackends(
  'controllers: jobs and cronjobs',
  (s) => {

    s.e2e('a Job with completions 5, parallelism 2 completes (wait --for=condition=complete)', async (x) => {
      assert.equal(await x.ok(['create', '-f', '-'], { stdin: job('work', { completions: 5, parallelism: 2 }, undefined, ['sleep', '1']) }), 'job.batch/work created\n');

      // Never more than 2 pods running at once: back-to-back snapshots while the job runs.
      let maxActive = 0;
      let samples = 0;
      let done = false;
      const sampler = (async () => {
        while (!done) {
          const r = await x.kn(['get', 'pods', '-l', 'job-name=work', '-o', 'json']);
          if (r.code !== 0) continue;
          const active = JSON.parse(r.stdout).items.filter((p: any) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
          maxActive = Math.max(maxActive, active.length);
          samples++;
        }
      })();
      const waited = await x.kn(['wait', '--for=condition=complete', 'job/work', '--timeout=60s'], { timeoutMs: 70_000 });
      done = true;
      await sampler;
      assert.equal(waited.code, 0, `${waited.stdout}${waited.stderr}`);
      assert.equal(waited.stdout, 'job.batch/work condition met\n');
      assert.ok(samples >= 3, `only ${samples} samples`);
      assert.ok(maxActive <= 2, `${maxActive} pods active at once, parallelism is 2`);
      assert.equal(maxActive, 2, 'the job never ran 2 pods in parallel');

      const out = await x.ok(['get', 'job', 'work']);
      const r = row(out, 'work');
      assert.equal(r?.['COMPLETIONS'], '5/5', out);
      if (r?.['STATUS'] !== undefined) assert.equal(r['STATUS'], 'Complete', out);
      const j = await x.json(['job', 'work']);
      assert.equal(j.status.succeeded, 5);
      assert.equal(j.status.active ?? 0, 0);
      assert.ok(j.status.completionTime, 'no completionTime');
      const complete = j.status.conditions.find((c: any) => c.type === 'Complete');
      assert.equal(complete?.status, 'True');
      const pods = await podRows(x, 'job-name=work');
      assert.equal(pods.length, 5, JSON.stringify(pods));
      for (const p of pods) assert.deepEqual(p.slice(1, 3), ['0/1', 'Completed'], JSON.stringify(p));
    });

    s.e2e('a failing Job (exit 1, backoffLimit 1) fails with BackoffLimitExceeded', async (x) => {
      // Two failures are needed (the first pod, then one retry after the job's 10 s pod-failure backoff).
      await x.ok(['create', '-f', '-'], { stdin: job('fail', { backoffLimit: 1 }, { 'k8ts.io/fake-exit-code': '1' }) });
      const waited = await x.kn(['wait', '--for=condition=failed', 'job/fail', '--timeout=60s'], { timeoutMs: 70_000 });
      assert.equal(waited.code, 0, `${waited.stdout}${waited.stderr}`);
      assert.equal(waited.stdout, 'job.batch/fail condition met\n');
      const j = await x.json(['job', 'fail']);
      const failed = j.status.conditions.find((c: any) => c.type === 'Failed');
      assert.equal(failed?.status, 'True');
      assert.equal(failed?.reason, 'BackoffLimitExceeded');
      assert.equal(j.status.failed, 2);
      assert.equal(j.status.succeeded ?? 0, 0);
      assert.equal(j.status.active ?? 0, 0);
      assert.equal(j.status.completionTime, undefined);
      const out = await x.ok(['get', 'job', 'fail']);
      assert.equal(row(out, 'fail')?.['COMPLETIONS'], '0/1', out);
      if (row(out, 'fail')?.['STATUS'] !== undefined) assert.equal(row(out, 'fail')?.['STATUS'], 'Failed', out);
      const pods = await podRows(x, 'job-name=fail');
      assert.equal(pods.length, 2, JSON.stringify(pods));
      for (const p of pods) assert.deepEqual(p.slice(1, 3), ['0/1', 'Error'], JSON.stringify(p));
      const exit = await x.ok(['get', 'pods', '-l', 'job-name=fail', '-o', 'jsonpath={.items[*].status.containerStatuses[0].state.terminated.exitCode}']);
      assert.equal(exit, '1 1');
    });

    s.e2e(
      'a CronJob with schedule */1 creates a Job at the next minute that completes',
      async (x) => {
        assert.equal(await x.ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *', '--', 'sleep', '1']), 'cronjob.batch/tick created\n');
        const cj = await x.json(['cronjob', 'tick']);
        // Fires at the next minute boundary: at most 60 s, plus the controller's reaction.
        const jobName = await poll(
          'a Job created by the CronJob',
          async () => {
            const items = (await x.json(['jobs'])).items as any[];
            return items.find((j) => j.metadata.ownerReferences?.some((o: any) => o.kind === 'CronJob' && o.uid === cj.metadata.uid && o.controller))?.metadata.name as string | undefined;
          },
          80_000,
          500,
        );
        // Upstream names it <cronjob>-<scheduled time in minutes since the epoch>.
        const m = /^tick-(\d+)$/.exec(jobName);
        assert.ok(m, `job name ${jobName}`);
        const scheduled = Number(m[1]) * 60_000;
        assert.equal(scheduled % 60_000, 0);
        assert.ok(Math.abs(Date.now() - scheduled) < 120_000, `job ${jobName} scheduled at ${new Date(scheduled).toISOString()}`);
        const waited = await x.kn(['wait', '--for=condition=complete', `job/${jobName}`, '--timeout=30s'], { timeoutMs: 40_000 });
        assert.equal(waited.code, 0, `${waited.stdout}${waited.stderr}`);
        await poll('the CronJob records its last schedule and success', async () => {
          const c = await x.json(['cronjob', 'tick']);
          return c.status?.lastScheduleTime && c.status?.lastSuccessfulTime ? c : false;
        });
        const c = await x.json(['cronjob', 'tick']);
        assert.equal(Date.parse(c.status.lastScheduleTime), scheduled);
        const out = await x.ok(['get', 'cronjob', 'tick']);
        const r = row(out, 'tick');
        assert.equal(r?.['SCHEDULE'], '*/1 * * * *', out);
        assert.notEqual(r?.['LAST SCHEDULE'], '<none>', out);
      },
      { timeoutMs: 150_000 },
    );
  },
  ['--hollow-nodes', String(NODES)],
);
