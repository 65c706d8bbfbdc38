/** Pod predicates of the StatefulSet controller (upstream's stateful_set_utils: isCreated, isRunningAndReady …). */
import { isPodAvailable, isPodReady } from '../replicaset/pod-status.js';
import type { P } from './types.js';

export { isPodAvailable, isPodReady };

/** Known to the API server (the placeholders sync builds for missing ordinals have no uid). */
export const isCreated = (p: P): boolean => !!p.metadata?.uid;

export const isFailed = (p: P): boolean => p.status?.phase === 'Failed';
export const isSucceeded = (p: P): boolean => p.status?.phase === 'Succeeded';
export const isTerminating = (p: P): boolean => !!p.metadata?.deletionTimestamp;

export const isRunningAndReady = (p: P): boolean => p.status?.phase === 'Running' && isPodReady(p);

export const isRunningAndAvailable = (p: P, minReadySeconds: number, now: Date): boolean =>
  p.status?.phase === 'Running' && isPodAvailable(p, minReadySeconds, now);

/** Running, ready and not terminating. */
export const isHealthy = (p: P): boolean => isRunningAndReady(p) && !isTerminating(p);
