/**
 * Optional metrics hooks of a work queue (upstream's workqueue_* metrics, with client-go's accounting). Every method
 * gets the queue's name, so one provider (e.g. prom-client gauges/counters/histograms labelled by `name`, see
 * prometheus.ts) serves every queue. Times are measured on the queue's Clock.
 *
 * A key is *added* when it becomes dirty: an `add` of a key already waiting is not counted, one of a key being
 * processed is (it will be processed again). Worked example: add a, add a, get a, add a, done a, get a → 2 adds,
 * depth 1 → 0 → 1 → 0, and two latencies (the second measured from the third add, not from the `done`).
 */
export interface WorkQueueMetrics {
  /** Keys waiting to be processed (dirty ones, including a key being processed that was added again), after every change. */
  depth?(name: string, depth: number): void;
  /** Every add that made a key dirty. */
  adds?(name: string): void;
  /** Time from a key becoming dirty to a worker getting it. */
  queueLatencyMs?(name: string, ms: number): void;
  /** Time from `get` to `done` for a key. */
  workDurationMs?(name: string, ms: number): void;
  /** Every `addAfter` (so every `addRateLimited` too) while the queue is not shutting down, as client-go counts retries. */
  retries?(name: string): void;
  /**
   * Called once as a queue is created. `inProgress` measures the queue's work in progress (keys handed out and not
   * yet done) on the queue's clock whenever it is called — a provider calls it at scrape time. The queue calls the
   * returned function when it shuts down, so the provider can forget it.
   */
  registerQueue?(name: string, inProgress: () => InProgressWork): () => void;
}

/** The work a queue's workers have in hand right now. */
export interface InProgressWork {
  /** Seconds of work begun and not yet done, summed over the keys being processed. */
  unfinishedSeconds: number;
  /** Seconds the longest-running key has been processed (0 when none is). */
  longestRunningSeconds: number;
}
