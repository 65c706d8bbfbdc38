/**
 * Child process 2 of `npm run bench:controllers`: the controller manager alone in its process (so its CPU and
 * memory are its own), over HTTPS with the admin client certificate, without leader election.
 */
import { httpsTransport } from '../../src/client/rest/https-transport.js';
import { RestClient } from '../../src/client/rest/client.js';
import { runControllerManager } from '../../src/controller/manager.js';
import { createLogger } from '../../src/machinery/log/logger.js';
import { runChild } from '../common/child.js';
import { tracingClient } from './trace.js';

runChild('controller-manager', async (msg, signal, send) => {
  if (!msg.rest) throw new Error('no RestConfig given');
  const transport = httpsTransport(msg.rest, { userAgent: 'k8ts-bench/controller-manager' });
  const traced = msg.trace ? tracingClient(new RestClient(transport)) : undefined;
  const client = traced?.client ?? new RestClient(transport);
  const logger = createLogger({ level: 'warn' }).child({ component: 'controller-manager' });
  const running = runControllerManager({ client, logger, leaderElect: false, ...(msg.controllers ? { controllers: msg.controllers } : {}) }, signal).catch(
    (err: unknown) => send({ type: 'error', message: `controller manager failed: ${String(err)}` }),
  );
  return {
    component: {
      stop: async () => {
        await running;
        if (traced) send({ type: 'progress', message: `client trace:\n${traced.summary()}` });
      },
    },
    ready: { type: 'ready' },
  };
});
