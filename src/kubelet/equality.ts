/**
 * Semantic equality of API values as the kubelet needs it to skip redundant writes: key order and absent-vs-null
 * fields do not count (the server may return either).
 */
/** Sorted-key copy, so that key order from the server does not count as a change. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().flatMap((k) => {
      const x = (v as Record<string, unknown>)[k];
      return x === undefined || x === null ? [] : [[k, canonical(x)]];
    }));
  }
  return v;
}


export const semanticEqual = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
