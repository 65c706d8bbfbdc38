/**
 * The work queues' metrics in a prom-client Registry, with upstream's names, help texts and buckets
 * (component-base's workqueue provider), every series labelled by the queue's `name`. The two in-progress gauges are
 * computed when the registry is scraped, from every live queue of that name (summed / maximum).
 *
 * One provider per registry: `workQueueMetrics(registry)` returns the same provider for the same registry, so the
 * controller manager may be started more than once (tests, a new leader term) without registering twice.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { InProgressWork, WorkQueueMetrics } from './metrics.js';

/** Upstream's buckets for both durations: 10 ns to 10 s, one per power of ten (ExponentialBuckets(1e-8, 10, 10)). */
export const WORKQUEUE_DURATION_BUCKETS: readonly number[] = Array.from({ length: 10 }, (_, k) => Number(`1e${k - 8}`));

type Probe = () => InProgressWork;

class PrometheusWorkQueueMetrics implements WorkQueueMetrics {
  private readonly probes = new Map<string, Set<Probe>>();
  private readonly depthGauge: Gauge<'name'>;
  private readonly addsCounter: Counter<'name'>;
  private readonly retriesCounter: Counter<'name'>;
  private readonly latency: Histogram<'name'>;
  private readonly work: Histogram<'name'>;

  constructor(registry: Registry) {
    const registers = [registry];
    const labelNames = ['name'] as const;
    const buckets = [...WORKQUEUE_DURATION_BUCKETS];
    this.depthGauge = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames, registers });
    this.addsCounter = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames, registers });
    this.retriesCounter = new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', labelNames, registers });
    this.latency = new Histogram({
      name: 'workqueue_queue_duration_seconds',
      help: 'How long in seconds an item stays in workqueue before being requested.',
      labelNames, buckets, registers,
    });
    this.work = new Histogram({
      name: 'workqueue_work_duration_seconds',
      help: 'How long in seconds processing an item from workqueue takes.',
      labelNames, buckets, registers,
    });
    const probes = this.probes;
    const inProgressGauge = (name: string, help: string, pick: (w: InProgressWork) => number): Gauge<'name'> =>
      new Gauge({
        name, help, labelNames, registers,
        collect() {
          for (const queue of probes.keys()) this.set({ name: queue }, pick(summarize(probes.get(queue)!)));
        },
      });
    inProgressGauge(
      'workqueue_unfinished_work_seconds',
      'How many seconds of work has done that is in progress and hasn\'t been observed by work_duration. Large values ' +
        'indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.',
      (w) => w.unfinishedSeconds,
    );
    inProgressGauge(
      'workqueue_longest_running_processor_seconds',
      'How many seconds has the longest running processor for workqueue been running.',
      (w) => w.longestRunningSeconds,
    );
  }

  depth(name: string, depth: number): void {
    this.depthGauge.set({ name }, depth);
  }

  adds(name: string): void {
    this.addsCounter.inc({ name });
  }

  retries(name: string): void {
    this.retriesCounter.inc({ name });
  }

  queueLatencyMs(name: string, ms: number): void {
    this.latency.observe({ name }, ms / 1000);
  }

  workDurationMs(name: string, ms: number): void {
    this.work.observe({ name }, ms / 1000);
  }

  /** A queue's series all exist from its creation (zero), as upstream's per-name metrics do. */
  registerQueue(name: string, inProgress: Probe): () => void {
    let set = this.probes.get(name);
    if (!set) {
      set = new Set();
      this.probes.set(name, set);
      this.addsCounter.inc({ name }, 0);
      this.retriesCounter.inc({ name }, 0);
      this.latency.zero({ name });
      this.work.zero({ name });
    }
    set.add(inProgress);
    const live = set;
    return () => live.delete(inProgress);
  }
}

/** The work in progress of every live queue of one name; a name whose queues all shut down reports zero. */
function summarize(probes: ReadonlySet<Probe>): InProgressWork {
  const out: InProgressWork = { unfinishedSeconds: 0, longestRunningSeconds: 0 };
  for (const probe of probes) {
    const w = probe();
    out.unfinishedSeconds += w.unfinishedSeconds;
    out.longestRunningSeconds = Math.max(out.longestRunningSeconds, w.longestRunningSeconds);
  }
  return out;
}

const providers = new WeakMap<Registry, WorkQueueMetrics>();

/** The work-queue metrics provider that registers in `registry` (created on first use). */
export function workQueueMetrics(registry: Registry): WorkQueueMetrics {
  let p = providers.get(registry);
  if (!p) {
    p = new PrometheusWorkQueueMetrics(registry);
    providers.set(registry, p);
  }
  return p;
}
