/**
 * Pod-failure backoff of pod re-creation, as upstream's backoffRecordStore: per job, the failures counted since the
 * last success and the time of the last one. After n such failures a new pod waits 10 s × 2^(n-1) (capped at
 * 6 min) from the last failure: 10 s, 20 s, 40 s, 80 s, 160 s, 320 s, 360 s, 360 s …; a success resets it.
 */
import { DEFAULT_POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS } from './constants.js';

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** Epoch ms of the last counted failure. */
  lastFailureTime?: number;
}

/** A pod outcome counted in one sync: `at` is when the pod finished (epoch ms). */
export interface FinishedPod {
  failed: boolean;
  at: number;
}

/** The delay after `failures` failures in a row: 0, 10 s, 20 s, … capped at 6 min. */
export function backoffDelay(failures: number, base = DEFAULT_POD_FAILURE_BACKOFF_MS, max = MAX_POD_FAILURE_BACKOFF_MS): number {
  if (failures <= 0) return 0;
  // 2^(failures-1) overflows to Infinity long after the cap; Math.min keeps it finite.
  return Math.min(max, base * 2 ** (failures - 1));
}

/** The record after counting newly finished pods, in the order they finished. */
export function nextBackoffRecord(prev: BackoffRecord, finished: readonly FinishedPod[]): BackoffRecord {
  const next: BackoffRecord = { ...prev };
  for (const p of [...finished].sort((a, b) => a.at - b.at)) {
    if (!p.failed) {
      next.failuresAfterLastSuccess = 0;
      delete next.lastFailureTime;
      continue;
    }
    next.failuresAfterLastSuccess += 1;
    next.lastFailureTime = Math.max(next.lastFailureTime ?? -Infinity, p.at);
  }
  return next;
}

/** Milliseconds until a replacement pod may be created (0 when it may be now). */
export function remainingBackoff(rec: BackoffRecord, now: number): number {
  if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0;
  return Math.max(0, rec.lastFailureTime + backoffDelay(rec.failuresAfterLastSuccess) - now);
}

/** Records by job key; dropped when the job is deleted. */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  get(key: string): BackoffRecord {
    return this.records.get(key) ?? { failuresAfterLastSuccess: 0 };
  }

  set(key: string, rec: BackoffRecord): void {
    this.records.set(key, rec);
  }

  remove(key: string): void {
    this.records.delete(key);
  }
}
