/**
 * Child process 3 of `npm run bench:controllers`: N hollow nodes exactly as `k8ts up --hollow-nodes N` runs them
 * (cmd/hollow.ts: one shared pod and node informer, the fake runtime with a 500 ms container start), over HTTPS
 * with the admin certificate and one connection pool. The scheduler runs in a process of its own (scheduler.ts).
 */
import { httpsTransport } from '../../src/client/rest/https-transport.js';
import { RestClient } from '../../src/client/rest/client.js';
import { createLogger } from '../../src/machinery/log/logger.js';
import { startHollowNodes } from '../../cmd/hollow.js';
import { runChild } from '../common/child.js';

runChild('hollow-nodes', async (msg, signal, send) => {
  if (!msg.rest || !msg.nodes) throw new Error('no RestConfig or node count given');
  const logger = createLogger({ level: 'warn' });
  const kubeletTransport = httpsTransport(msg.rest, { userAgent: 'k8ts-bench/hollow-kubelet' });
  const t0 = performance.now();
  const cluster = await startHollowNodes(new RestClient(kubeletTransport), msg.nodes, logger.child({ component: 'hollow-kubelet' }), signal);
  send({ type: 'progress', message: `${msg.nodes} hollow nodes registered in ${((performance.now() - t0) / 1000).toFixed(1)} s` });
  return {
    component: {
      // The transport stays open: Transport.close() destroys the sockets of requests still in flight (the
      // kubelets' last status writes end in "socket hang up"), and the process exits right after this.
      stop: async () => {
        cluster.stop();
      },
    },
    ready: { type: 'ready' },
  };
});
