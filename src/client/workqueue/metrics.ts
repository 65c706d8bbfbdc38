/**
 * Optional metrics hooks of a work queue (upstream's workqueue_* metrics). Every method gets the queue's name, so
 * one provider (e.g. prom-client gauges/counters/histograms labelled by `name`) serves every queue. Times are
 * measured on the queue's Clock.
 */
export interface WorkQueueMetrics {
  /** Keys waiting (not counting keys being processed or delayed), after every change. */
  depth?(name: string, depth: number): void;
  /** Every add that was accepted (duplicates of a queued key included, as upstream). */
  adds?(name: string): void;
  /** Time from a key being queued to a worker getting it. */
  queueLatencyMs?(name: string, ms: number): void;
  /** Time from `get` to `done` for a key. */
  workDurationMs?(name: string, ms: number): void;
  /** Every `addRateLimited`. */
  retries?(name: string): void;
}
