/** Latency summaries and the markdown table the bench prints. */
import type { Row } from './protocol.js';

/** The q-quantile (0..1) of `sorted` by the nearest-rank method; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** A table row from per-operation latencies (ms) measured over `elapsedMs` of wall time. */
export function summarize(verb: string, latenciesMs: number[], elapsedMs: number, note?: string): Row {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    verb,
    count: sorted.length,
    opsPerSec: elapsedMs > 0 ? (sorted.length * 1000) / elapsedMs : 0,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    ...(note ? { note } : {}),
  };
}

const fmt = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| verb | count | ops/s | p50 ms | p99 ms | note |', '|---|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    lines.push(`| ${r.verb} | ${r.count} | ${fmt(r.opsPerSec, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${r.note ?? ''} |`);
  }
  return lines.join('\n');
}
