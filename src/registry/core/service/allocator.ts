/**
 * Cluster IPs and node ports, allocated as keys in the Store (`/registry/ranges/<kind>/<value>`), so that an
 * allocation is one atomic create and several API servers on one etcd never hand out the same value.
 * Scanning starts after the last value handed out, which keeps a busy range from re-trying the same conflicts.
 */
import type { Store } from '../../../storage/interface.js';
import { KeyExistsError, NotFoundError } from '../../../storage/errors.js';

export class RangeAllocator {
  private cursor = 0;

  /** Values are `first + i` for i in [0, size); `reserved` offsets are only given when asked for by value. */
  constructor(
    private readonly store: Store,
    private readonly kind: string,
    private readonly first: number,
    private readonly size: number,
    private readonly format: (n: number) => string,
    private readonly reserved: ReadonlySet<number> = new Set(),
  ) {}

  private key(n: number): string {
    return `/registry/ranges/${this.kind}/${this.format(n)}`;
  }

  contains(n: number): boolean {
    return n >= this.first && n < this.first + this.size;
  }

  /**
   * Claims a specific value; false when another owner holds it. A claim by the same owner succeeds again, so a
   * create that was interrupted between the claim and the object's write (a crash) can be retried.
   * With `dryRun`, only checks.
   */
  async claim(n: number, owner: string, dryRun = false): Promise<boolean> {
    if (dryRun) return ((await this.store.get(this.key(n)))?.value ?? owner) === owner;
    try {
      await this.store.create(this.key(n), owner);
      return true;
    } catch (e) {
      if (e instanceof KeyExistsError) return (await this.store.get(this.key(n)))?.value === owner;
      throw e;
    }
  }

  /** Claims the next free value, or undefined when the range is full. */
  async next(owner: string, dryRun = false): Promise<number | undefined> {
    for (let i = 0; i < this.size; i++) {
      const offset = (this.cursor + i) % this.size;
      if (this.reserved.has(offset)) continue;
      const n = this.first + offset;
      if (await this.claim(n, owner, dryRun)) {
        if (!dryRun) this.cursor = (offset + 1) % this.size;
        return n;
      }
    }
    return undefined;
  }

  async release(n: number): Promise<void> {
    try {
      await this.store.delete(this.key(n));
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
}
