/**
 * What the controller itself wrote, so that a sync never acts on an informer cache that has not caught up with
 * those writes (upstream's EndpointSliceTracker): without it, a second sync right after a create would not see the
 * new slice and create a duplicate. Per service, slices by uid with the generation the controller last wrote, or
 * DELETED for a delete not yet seen.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';

const DELETED = -1;

type Slice = Readonly<EndpointSlice>;

const uidOf = (s: Slice): string => s.metadata?.uid ?? '';
const generationOf = (s: Slice): number => s.metadata?.generation ?? 0;

/** Thrown by a sync that found the cache behind the controller's own writes; the key is retried with backoff. */
export class StaleInformerCacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleInformerCacheError';
  }
}

export class SliceTracker {
  private readonly byService = new Map<string, Map<string, number>>();

  private slicesOf(serviceKey: string): Map<string, number> {
    let m = this.byService.get(serviceKey);
    if (!m) this.byService.set(serviceKey, (m = new Map()));
    return m;
  }

  /** After a create or update the API server answered with `slice`. */
  written(serviceKey: string, slice: Slice): void {
    if (uidOf(slice)) this.slicesOf(serviceKey).set(uidOf(slice), generationOf(slice));
  }

  /** After a delete of `slice` was accepted. */
  deleted(serviceKey: string, slice: Slice): void {
    if (uidOf(slice)) this.slicesOf(serviceKey).set(uidOf(slice), DELETED);
  }

  /** Whether an informer event is news (not the echo of the controller's own write). */
  shouldSync(serviceKey: string, slice: Slice): boolean {
    const g = this.byService.get(serviceKey)?.get(uidOf(slice));
    return g === undefined || g !== generationOf(slice);
  }

  /** The informer saw the slice go: true when the controller deleted it (nothing to resync). */
  handleDeletion(serviceKey: string, slice: Slice): boolean {
    const m = this.byService.get(serviceKey);
    const expected = m?.get(uidOf(slice)) === DELETED;
    m?.delete(uidOf(slice));
    return expected;
  }

  /** The cache lacks a slice the controller wrote, holds an older generation, or still holds one it deleted. */
  stale(serviceKey: string, cached: readonly Slice[]): boolean {
    const m = this.byService.get(serviceKey);
    if (!m) return false;
    const inCache = new Map(cached.map((s) => [uidOf(s), generationOf(s)]));
    for (const [uid, g] of m) {
      const have = inCache.get(uid);
      if (g === DELETED ? have !== undefined : have === undefined || have < g) return true;
    }
    return false;
  }

  /** The service is gone: forget its slices. */
  forgetService(serviceKey: string): void {
    this.byService.delete(serviceKey);
  }
}
