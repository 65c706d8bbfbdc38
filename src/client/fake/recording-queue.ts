/**
 * A WorkQueue for controller unit tests: deduplicating, drained by hand (`take`), and recording what the controller
 * asked for — `addAfter` and `addRateLimited` are recorded, not scheduled.
 */
import type { WorkQueue } from '../workqueue/interface.js';

export class RecordingQueue implements WorkQueue {
  readonly pending = new Set<string>();
  readonly added: string[] = [];
  readonly delayed: { key: string; ms: number }[] = [];
  readonly rateLimited: string[] = [];
  shuttingDown = false;

  add(key: string): void {
    this.added.push(key);
    this.pending.add(key);
  }
  addAfter(key: string, ms: number): void {
    this.delayed.push({ key, ms });
  }
  addRateLimited(key: string): void {
    this.rateLimited.push(key);
  }
  forget(): void {}
  numRequeues(): number {
    return 0;
  }
  async get(): Promise<string | undefined> {
    return this.take();
  }
  /** The next pending key, synchronously. */
  take(): string | undefined {
    const key = this.pending.values().next().value;
    if (key !== undefined) this.pending.delete(key);
    return key;
  }
  done(): void {}
  len(): number {
    return this.pending.size;
  }
  shutDown(): void {
    this.shuttingDown = true;
  }
}
