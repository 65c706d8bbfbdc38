/**
 * Controller expectations (upstream's UIDTrackingControllerExpectations, stand-in for controller/framework): a
 * controller that issued N creates/deletes waits until its informers have observed them before it syncs the same
 * key again, so that a stale cache never causes a double create. Expectations expire after 5 minutes (by the Clock)
 * so that a lost watch event cannot wedge a controller.
 */
import type { Clock } from '../../../machinery/clock/clock.js';

export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

interface Record_ {
  add: number;
  del: number;
  at: number;
  deleting: Set<string>;
}

export class ControllerExpectations {
  private readonly records = new Map<string, Record_>();

  constructor(private readonly clock: Clock) {}

  /** True when nothing is pending for `key` (or the record expired, or there is none). */
  satisfiedExpectations(key: string): boolean {
    const r = this.records.get(key);
    if (!r) return true;
    if (r.add <= 0 && r.del <= 0) return true;
    return this.clock.now().getTime() - r.at > EXPECTATIONS_TTL_MS;
  }

  expectCreations(key: string, n: number): void {
    this.records.set(key, { add: n, del: 0, at: this.clock.now().getTime(), deleting: new Set() });
  }

  /** Expects the deletion of these pods (by `namespace/name`). */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.records.set(key, { add: 0, del: podKeys.length, at: this.clock.now().getTime(), deleting: new Set(podKeys) });
  }

  creationObserved(key: string): void {
    const r = this.records.get(key);
    if (r) r.add--;
  }

  /** Lowers the deletions once per pod: a pod seen deleted twice (update then delete) counts once. */
  deletionObserved(key: string, podKey: string): void {
    const r = this.records.get(key);
    if (r && r.deleting.delete(podKey)) r.del--;
  }

  deleteExpectations(key: string): void {
    this.records.delete(key);
  }

  /** Pending (add, del) for tests and logs. */
  get(key: string): { add: number; del: number } | undefined {
    const r = this.records.get(key);
    return r && { add: r.add, del: r.del };
  }
}
