/**
 * Controller expectations (upstream's ControllerExpectations): after a controller asks for N creations or
 * deletions it must not act on its (stale) cache for that key until the informer has observed them all, or until
 * 5 minutes have passed (a lost watch event must not block the controller forever).
 *
 * Sync: `if (!exp.satisfiedExpectations(key)) return;` … `exp.expectCreations(key, diff)` before the writes, and
 * `exp.creationObserved(key)` from the informer's add handler (and once per failed create, since that pod will
 * never be observed).
 */
import type { Clock } from '../../machinery/clock/clock.js';

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

export interface ControlleeExpectations {
  add: number;
  del: number;
  /** When the expectations were set (ms on the clock). */
  timestamp: number;
}

export class ControllerExpectations {
  private readonly store = new Map<string, ControlleeExpectations>();

  constructor(protected readonly clock: Clock) {}

  getExpectations(key: string): Readonly<ControlleeExpectations> | undefined {
    return this.store.get(key);
  }

  /** True when the controller may sync `key`: no record, all observed (add ≤ 0 and del ≤ 0), or expired. */
  satisfiedExpectations(key: string): boolean {
    const e = this.store.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now().getTime() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  /** Replaces the record of `key`, stamped now. */
  setExpectations(key: string, add: number, del: number): void {
    this.store.set(key, { add, del, timestamp: this.clock.now().getTime() });
  }

  expectCreations(key: string, adds: number): void {
    this.setExpectations(key, adds, 0);
  }

  expectDeletions(key: string, dels: number): void {
    this.setExpectations(key, 0, dels);
  }

  /** Adds to an existing record (no-op without one); the timestamp is kept. */
  raiseExpectations(key: string, add: number, del: number): void {
    const e = this.store.get(key);
    if (!e) return;
    e.add += add;
    e.del += del;
  }

  lowerExpectations(key: string, add: number, del: number): void {
    this.raiseExpectations(key, -add, -del);
  }

  creationObserved(key: string): void {
    this.lowerExpectations(key, 1, 0);
  }

  deletionObserved(key: string): void {
    this.lowerExpectations(key, 0, 1);
  }

  deleteExpectations(key: string): void {
    this.store.delete(key);
  }
}

/**
 * Expectations that also track *which* objects are expected to go (upstream's UIDTrackingControllerExpectations,
 * keyed by the deleted objects' `namespace/name`), so a deletion observed twice — a graceful delete then the final
 * one — lowers the count once.
 */
export class UIDTrackingControllerExpectations extends ControllerExpectations {
  private readonly uids = new Map<string, Set<string>>();

  getUIDs(key: string): ReadonlySet<string> | undefined {
    return this.uids.get(key);
  }

  expectDeletionsOf(key: string, deletedKeys: readonly string[]): void {
    this.uids.set(key, new Set(deletedKeys));
    this.expectDeletions(key, deletedKeys.length);
  }

  /** Lowers the deletion count when `deletedKey` was expected to go, once. */
  deletionObservedOf(key: string, deletedKey: string): void {
    const set = this.uids.get(key);
    if (!set?.delete(deletedKey)) return;
    this.lowerExpectations(key, 0, 1);
  }

  override deleteExpectations(key: string): void {
    this.uids.delete(key);
    super.deleteExpectations(key);
  }
}
