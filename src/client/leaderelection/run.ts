/**
 * Runs one candidate of a leader election to its end (client-go's LeaderElector.Run): acquire, call
 * onStartedLeading, renew until renewal fails for renewDeadline or `signal` aborts, then stop. A process that lost
 * leadership does not try again: it is expected to exit, as kube-controller-manager does ("leaderelection lost").
 */
import { nopLogger } from '../../machinery/log/logger.js';
import { LeaderElector } from './elector.js';
import { validateConfig, type LeaderElectionConfig } from './types.js';

export async function runLeaderElection(cfg: LeaderElectionConfig): Promise<void> {
  validateConfig(cfg);
  const log = cfg.logger ?? nopLogger;
  const le = new LeaderElector(cfg);
  try {
    if (!(await le.acquire(cfg.signal))) return;
    const leading = new AbortController();
    const onAbort = (): void => leading.abort();
    cfg.signal.addEventListener('abort', onAbort, { once: true });
    const started = Promise.resolve()
      .then(() => cfg.onStartedLeading(leading.signal))
      .catch((err: unknown) => log.error('onStartedLeading failed', { err: String(err) }));
    await le.renew(leading.signal);
    leading.abort();
    cfg.signal.removeEventListener('abort', onAbort);
    if (cfg.releaseOnCancel) {
      await started;
      await le.release();
    }
  } finally {
    cfg.onStoppedLeading?.();
  }
}
