/**
 * The scheduler's metrics with upstream's names, help texts, labels and buckets (pkg/scheduler/metrics), in a
 * prom-client Registry the caller passes in. Durations are measured with `performance.now()`: they are
 * observations, never inputs to a decision, so they do not go through the injected Clock.
 *
 * Cost: one observation per attempt and per extension point of an attempt (never per node: Filter and Score are
 * timed once around the whole node loop). `schedulerMetrics(registry)` returns the same instance for the same
 * registry, so a scheduler restarted in one process (a new leader term, tests) does not register twice.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

export interface PendingPodCounts {
  active: number;
  backoff: number;
  unschedulable: number;
  gated: number;
}

export interface SchedulerMetrics {
  scheduleAttempt(result: AttemptResult, profile: string, seconds: number): void;
  extensionPoint(point: string, status: string, profile: string, seconds: number): void;
  /** A pod was bound after this many attempts. */
  podSchedulingAttempts(attempts: number): void;
  /** The queue's counts, read when the registry is scraped. */
  setPendingPodsSource(source: (() => PendingPodCounts) | undefined): void;
}

export const NOP_METRICS: SchedulerMetrics = {
  scheduleAttempt: () => undefined,
  extensionPoint: () => undefined,
  podSchedulingAttempts: () => undefined,
  setPendingPodsSource: () => undefined,
};

/** `start` … `count` buckets growing by `factor` (upstream's ExponentialBuckets). */
export const exponentialBuckets = (start: number, factor: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => start * factor ** i);

export const sinceSeconds = (startMs: number): number => (performance.now() - startMs) / 1000;

class PrometheusSchedulerMetrics implements SchedulerMetrics {
  private readonly attempts: Counter<'result' | 'profile'>;
  private readonly attemptDuration: Histogram<'result' | 'profile'>;
  private readonly pointDuration: Histogram<'extension_point' | 'status' | 'profile'>;
  private readonly podAttempts: Histogram;
  private pending: (() => PendingPodCounts) | undefined;

  constructor(registry: Registry) {
    const registers = [registry];
    this.attempts = new Counter({
      name: 'scheduler_schedule_attempts_total',
      help: "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem.",
      labelNames: ['result', 'profile'],
      registers,
    });
    this.attemptDuration = new Histogram({
      name: 'scheduler_scheduling_attempt_duration_seconds',
      help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)',
      labelNames: ['result', 'profile'],
      buckets: exponentialBuckets(0.001, 2, 15),
      registers,
    });
    this.pointDuration = new Histogram({
      name: 'scheduler_framework_extension_point_duration_seconds',
      help: 'Latency for running all plugins of a specific extension point.',
      labelNames: ['extension_point', 'status', 'profile'],
      buckets: exponentialBuckets(0.0001, 2, 12),
      registers,
    });
    this.podAttempts = new Histogram({
      name: 'scheduler_pod_scheduling_attempts',
      help: 'Number of attempts to successfully schedule a pod.',
      buckets: exponentialBuckets(1, 2, 5),
      registers,
    });
    const self = this;
    new Gauge({
      name: 'scheduler_pending_pods',
      help:
        "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; " +
        "'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number " +
        'of unschedulable pods that the scheduler never attempted to schedule because they are gated.',
      labelNames: ['queue'],
      registers,
      collect() {
        const c = self.pending?.();
        if (!c) return;
        for (const q of ['active', 'backoff', 'unschedulable', 'gated'] as const) this.set({ queue: q }, c[q]);
      },
    });
  }

  scheduleAttempt(result: AttemptResult, profile: string, seconds: number): void {
    this.attempts.inc({ result, profile });
    this.attemptDuration.observe({ result, profile }, seconds);
  }

  extensionPoint(point: string, status: string, profile: string, seconds: number): void {
    this.pointDuration.observe({ extension_point: point, status, profile }, seconds);
  }

  podSchedulingAttempts(attempts: number): void {
    this.podAttempts.observe(attempts);
  }

  setPendingPodsSource(source: (() => PendingPodCounts) | undefined): void {
    this.pending = source;
  }
}

const perRegistry = new WeakMap<Registry, SchedulerMetrics>();

export function schedulerMetrics(registry: Registry): SchedulerMetrics {
  let m = perRegistry.get(registry);
  if (!m) perRegistry.set(registry, (m = new PrometheusSchedulerMetrics(registry)));
  return m;
}
