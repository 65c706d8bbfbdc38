/**
 * The cache's NodeInfos in most-recently-changed order (upstream's doubly linked nodeInfoListItem list): every
 * change gives the entry the next generation and moves it to the head, so the entries changed since generation g
 * are exactly the prefix with gen > g — the snapshot update walks only those.
 */
import { NodeInfo } from '../framework/types.js';

export interface NodeItem {
  readonly info: NodeInfo;
  gen: number;
  prev: NodeItem | undefined;
  next: NodeItem | undefined;
}

export class NodeList {
  private readonly items = new Map<string, NodeItem>();
  private head: NodeItem | undefined;
  private generation = 0;

  get(name: string): NodeItem | undefined {
    return this.items.get(name);
  }

  /** The entry of a node name, created (empty, node-less) when missing. */
  getOrCreate(name: string): NodeItem {
    let item = this.items.get(name);
    if (!item) this.items.set(name, (item = { info: new NodeInfo(), gen: 0, prev: undefined, next: undefined }));
    return item;
  }

  /** Marks the entry changed: a new generation, moved to the head. */
  touch(item: NodeItem): void {
    item.gen = ++this.generation;
    if (this.head === item) return;
    this.detach(item);
    item.next = this.head;
    if (this.head) this.head.prev = item;
    this.head = item;
  }

  remove(name: string): void {
    const item = this.items.get(name);
    if (!item) return;
    this.detach(item);
    this.items.delete(name);
  }

  /** The entries changed after generation `since`, newest first. */
  *changedSince(since: number): Generator<NodeItem> {
    for (let item = this.head; item && item.gen > since; item = item.next) yield item;
  }

  /** The generation of the latest change (0: none yet). */
  latestGeneration(): number {
    return this.head?.gen ?? 0;
  }

  private detach(item: NodeItem): void {
    if (item.prev) item.prev.next = item.next;
    if (item.next) item.next.prev = item.prev;
    if (this.head === item) this.head = item.next;
    item.prev = undefined;
    item.next = undefined;
  }
}
