/**
 * A keyed binary min-heap (upstream's scheduler heap): the head is the item for which `less` holds against every
 * other item. Items are found by key in O(1) and updated or deleted in O(log n). Ties (neither a < b nor b < a)
 * are broken by insertion order, so equal items come out first-in first-out; an update in place keeps the item's
 * original position in that order.
 */
export class Heap<T> {
  private readonly items: { item: T; key: string; seq: number }[] = [];
  private readonly index = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i]!.item;
  }

  /** Adds the item, or replaces the one with the same key and restores the order around it. */
  addOrUpdate(item: T): void {
    const key = this.keyOf(item);
    const i = this.index.get(key);
    if (i !== undefined) {
      this.items[i]!.item = item;
      this.fix(i);
      return;
    }
    this.items.push({ item, key, seq: this.seq++ });
    this.index.set(key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  peek(): T | undefined {
    return this.items[0]?.item;
  }

  pop(): T | undefined {
    const head = this.items[0];
    if (!head) return undefined;
    this.removeAt(0);
    return head.item;
  }

  delete(key: string): T | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const { item } = this.items[i]!;
    this.removeAt(i);
    return item;
  }

  /** The items in no particular order. */
  list(): T[] {
    return this.items.map((e) => e.item);
  }

  private removeAt(i: number): void {
    const last = this.items.length - 1;
    this.index.delete(this.items[i]!.key);
    if (i !== last) {
      this.items[i] = this.items[last]!;
      this.index.set(this.items[i]!.key, i);
    }
    this.items.pop();
    if (i < this.items.length) this.fix(i);
  }

  private before(i: number, j: number): boolean {
    const a = this.items[i]!;
    const b = this.items[j]!;
    if (this.less(a.item, b.item)) return true;
    if (this.less(b.item, a.item)) return false;
    return a.seq < b.seq;
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  /** Moves the item at i towards the root; true when it moved. */
  private up(i: number): boolean {
    const start = i;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
    return i !== start;
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const child = r < n && this.before(r, l) ? r : l;
      if (!this.before(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!;
    const b = this.items[j]!;
    this.items[i] = b;
    this.items[j] = a;
    this.index.set(b.key, i);
    this.index.set(a.key, j);
  }
}
