/**
 * Child process of `npm run bench:scheduler` and `npm run bench:controllers`: the real scheduler (`runScheduler` of
 * src/scheduler with the in-tree plugins and the default KubeSchedulerConfiguration, as `k8ts scheduler` runs it)
 * alone in its process, over HTTPS with the admin client certificate and a connection pool of its own, without
 * leader election. Ready once its informers synced. Its `stats` extras are its own scheduler_schedule_attempts_total
 * by result and the number of TLS connections it opened (a keep-alive pool that churns pays a handshake per socket).
 */
import { Agent } from 'node:https';
import { Registry, type Counter } from 'prom-client';
import { httpsTransport } from '../../src/client/rest/https-transport.js';
import { RestClient } from '../../src/client/rest/client.js';
import { createLogger } from '../../src/machinery/log/logger.js';
import { runScheduler } from '../../src/scheduler/index.js';
import { IN_TREE_REGISTRY } from '../../src/scheduler/plugins/registry.js';
import { runChild } from './child.js';
import { profileMeasuredPhase } from './measured-profile.js';

let connections = 0;
const createConnection = Agent.prototype.createConnection;
Agent.prototype.createConnection = function (this: Agent, ...a: unknown[]) {
  connections++;
  return (createConnection as (...x: unknown[]) => unknown).apply(this, a);
} as typeof createConnection;

const profile = profileMeasuredPhase('scheduler');

runChild('scheduler', async (msg, signal, send) => {
  if (!msg.rest) throw new Error('no RestConfig given');
  const client = new RestClient(httpsTransport(msg.rest, { userAgent: 'k8ts-bench/scheduler' }));
  const logger = createLogger({ level: 'warn' }).child({ component: 'scheduler' });
  const metricsRegistry = new Registry();
  // Ready once the informers synced (onStarted); a failure before that fails the start (rejecting later is a no-op).
  let synced!: () => void;
  let failed!: (e: Error) => void;
  const ready = new Promise<void>((resolve, reject) => ((synced = resolve), (failed = reject)));
  const running = runScheduler({ client, logger, registry: IN_TREE_REGISTRY, leaderElect: false, metricsRegistry, onStarted: () => synced() }, signal).then(
    () => synced(), // stopped before its caches synced: nothing to wait for
    (err: unknown) => {
      send({ type: 'error', message: `scheduler failed: ${String(err)}` });
      failed(new Error(`scheduler failed: ${String(err)}`));
    },
  );
  await ready;

  const attempts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = { scheduled: 0, unschedulable: 0, error: 0, connections };
    const counter = metricsRegistry.getSingleMetric('scheduler_schedule_attempts_total') as Counter | undefined;
    for (const v of (await counter?.get())?.values ?? []) {
      const result = String(v.labels['result'] ?? '?');
      out[result] = (out[result] ?? 0) + v.value;
    }
    return out;
  };
  return {
    component: {
      extra: attempts,
      // The transport stays open: the process exits right after this.
      stop: async () => {
        await running;
        await profile.stop();
      },
    },
    ready: { type: 'ready' },
  };
});
