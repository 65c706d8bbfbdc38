import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import type { Client } from '../interface.js';

/** client-go's JitterFactor for the acquire loop: a candidate waits retryPeriod × [1, 2.2). */
export const JITTER_FACTOR = 1.2;

export interface LeaderElectionConfig {
  client: Client;
  clock: Clock;
  /** Where the Lease lives, `kube-system` for the control plane. */
  namespace: string;
  /** The Lease's name (`kube-controller-manager`, `kube-scheduler`). */
  name: string;
  /** This candidate's identity (host name + unique suffix, as upstream). */
  identity: string;
  /** How long non-leaders wait after the last observed change of the record before taking over (15 s). */
  leaseDurationMs: number;
  /** How long the leader keeps retrying a failing renewal before it gives up leadership (10 s). */
  renewDeadlineMs: number;
  /** The interval between attempts to acquire and to renew (2 s). */
  retryPeriodMs: number;
  /**
   * Called once leadership is acquired. `signal` aborts when leadership is lost or the election is stopped;
   * the returned promise should settle soon after (it is awaited before a release on cancel).
   */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Called when runLeaderElection ends, whether or not this candidate ever led (as upstream). */
  onStoppedLeading?(): void;
  /** Called when the observed leader changes (also for this candidate). */
  onNewLeader?(identity: string): void;
  /** Give the lease up when `signal` aborts (upstream's ReleaseOnCancel). */
  releaseOnCancel?: boolean;
  /** Stops the election. */
  signal: AbortSignal;
  /** Random source in [0, 1) for the acquire jitter; default Math.random. */
  random?: () => number;
  logger?: Logger;
}

/** Rejects configurations upstream rejects, with its messages. */
export function validateConfig(c: LeaderElectionConfig): void {
  if (c.leaseDurationMs <= c.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
  if (c.renewDeadlineMs <= JITTER_FACTOR * c.retryPeriodMs) {
    throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
  }
  if (c.leaseDurationMs < 1) throw new Error('leaseDuration must be greater than zero');
  if (c.renewDeadlineMs < 1) throw new Error('renewDeadline must be greater than zero');
  if (c.retryPeriodMs < 1) throw new Error('retryPeriod must be greater than zero');
  if (!c.identity) throw new Error('Lock identity is empty');
  if (!c.name) throw new Error('Lock name is empty');
}
