/**
 * A counting semaphore bounding the binding cycles in flight. A released slot is handed straight to the oldest
 * waiter (FIFO), so a burst of acquirers can never exceed the bound.
 */
export const DEFAULT_MAX_CONCURRENT_BINDINGS = 256;

export class BindingSlots {
  private used = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly max = DEFAULT_MAX_CONCURRENT_BINDINGS) {
    if (max < 1) throw new Error(`maxConcurrentBindings must be at least 1, got ${max}`);
  }

  get inUse(): number {
    return this.used;
  }

  acquire(): Promise<void> {
    if (this.used < this.max) {
      this.used++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.used--;
  }
}
