/**
 * Hard eviction thresholds (upstream's --eviction-hard, `signal<value>`), as a map from signal to a quantity or a
 * percentage of the signal's capacity. Only the `<` operator exists upstream, so only values are written here.
 * Defaults as upstream on Linux: memory.available<100Mi, nodefs.available<10%, imagefs.available<15%,
 * nodefs.inodesFree<5%, imagefs.inodesFree<5%; pid.available has no default.
 */
import { tryParseQuantity } from '../../machinery/quantity/quantity.js';

export type EvictionSignal =
  | 'memory.available'
  | 'nodefs.available'
  | 'nodefs.inodesFree'
  | 'imagefs.available'
  | 'imagefs.inodesFree'
  | 'pid.available';

export type EvictionHard = Partial<Record<EvictionSignal, string>>;

export const DEFAULT_EVICTION_HARD: Readonly<EvictionHard> = Object.freeze({
  'memory.available': '100Mi',
  'nodefs.available': '10%',
  'imagefs.available': '15%',
  'nodefs.inodesFree': '5%',
  'imagefs.inodesFree': '5%',
});

/**
 * The threshold of `signal` as an absolute amount for a resource of `capacity` (bytes, inodes or pids); undefined
 * when the signal has no threshold. Throws on a value that is neither a quantity nor a percentage.
 */
export function thresholdAmount(hard: EvictionHard, signal: EvictionSignal, capacity: number): number | undefined {
  const v = hard[signal];
  if (v === undefined || v === '') return undefined;
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(v.trim());
  if (pct) return Math.ceil((Number(pct[1]) / 100) * capacity);
  const q = tryParseQuantity(v);
  if (!q) throw new Error(`invalid eviction threshold ${signal}<${v}`);
  return q.value();
}
