export type { WorkQueue } from './interface.js';
export type { InProgressWork, WorkQueueMetrics } from './metrics.js';
export { Queue, type QueueOptions } from './queue.js';
export { RateLimitingQueue, createRateLimitingQueue, type RateLimitingQueueOptions } from './rate-limiting-queue.js';
export { BucketLimiter, ItemExponentialLimiter, MaxOfLimiter, type RateLimiter } from './rate-limiter.js';
export { workQueueMetrics, WORKQUEUE_DURATION_BUCKETS } from './prometheus.js';
