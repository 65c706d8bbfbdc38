import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Heap } from './heap.js';

interface Item {
  key: string;
  v: number;
}
const newHeap = (): Heap<Item> => new Heap<Item>((i) => i.key, (a, b) => a.v < b.v);
const drain = (h: Heap<Item>): string[] => {
  const out: string[] = [];
  for (let x = h.pop(); x; x = h.pop()) out.push(x.key);
  return out;
};

test('heap: pops in order of less, whatever the insertion order', () => {
  const h = newHeap();
  const values = [5, 3, 9, 1, 7, 2, 8, 6, 4, 0];
  for (const v of values) h.addOrUpdate({ key: `k${v}`, v });
  assert.equal(h.size, 10);
  assert.deepEqual(drain(h), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => `k${v}`));
});

test('heap: ties come out first-in first-out, and an update keeps the original place among equals', () => {
  const h = newHeap();
  for (const k of ['a', 'b', 'c', 'd']) h.addOrUpdate({ key: k, v: 1 });
  h.addOrUpdate({ key: 'a', v: 1 });
  assert.deepEqual(drain(h), ['a', 'b', 'c', 'd']);
});

test('heap: addOrUpdate of a known key replaces it and reorders; delete removes from the middle', () => {
  const h = newHeap();
  for (let i = 0; i < 20; i++) h.addOrUpdate({ key: `k${i}`, v: i });
  h.addOrUpdate({ key: 'k15', v: -1 });
  h.addOrUpdate({ key: 'k0', v: 100 });
  assert.equal(h.delete('k7')?.v, 7);
  assert.equal(h.delete('k7'), undefined);
  assert.equal(h.get('k15')?.v, -1);
  assert.equal(h.has('k7'), false);
  assert.equal(h.size, 19);
  const order = drain(h);
  assert.equal(order[0], 'k15');
  assert.equal(order.at(-1), 'k0');
  assert.ok(!order.includes('k7'));
  assert.equal(h.peek(), undefined);
});

test('heap: random operations agree with a sorted reference', () => {
  let seed = 42;
  const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const h = newHeap();
  const ref = new Map<string, number>();
  for (let i = 0; i < 2000; i++) {
    const key = `k${rnd(100)}`;
    const op = rnd(3);
    if (op === 0) {
      h.delete(key);
      ref.delete(key);
    } else {
      const v = rnd(1000);
      h.addOrUpdate({ key, v });
      ref.set(key, v);
    }
    if (i % 97 === 0 && ref.size > 0) {
      const min = Math.min(...ref.values());
      assert.equal(h.peek()?.v, min);
    }
  }
  assert.equal(h.size, ref.size);
  const popped = drain(h).map((k) => ref.get(k)!);
  assert.deepEqual(popped, [...popped].sort((a, b) => a - b));
});
