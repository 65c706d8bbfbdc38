/**
 * Reads apiserver_request_total and apiserver_request_duration_seconds (_sum, _count) from the API server's
 * /metrics, by `VERB resource[/subresource]`, and counts the requests between two scrapes.
 */
import type { Transport } from '../../src/client/rest/transport.js';

const WRITE_VERBS = new Set(['CREATE', 'UPDATE', 'PATCH', 'DELETE', 'DELETECOLLECTION', 'APPLY']);

/** `VERB resource[/subresource]` → a counter's value so far (summed over response codes). */
export type RequestCounts = Map<string, number>;

export interface Scrape {
  /** apiserver_request_total */
  requests: RequestCounts;
  /** apiserver_request_total with code ≥ 400, by `VERB resource[/subresource] code` */
  failed: RequestCounts;
  /** apiserver_request_duration_seconds_sum and _count (watches are not observed). */
  seconds: RequestCounts;
  observed: RequestCounts;
}

const SERIES: Record<string, keyof Scrape> = {
  apiserver_request_total: 'requests',
  apiserver_request_duration_seconds_sum: 'seconds',
  apiserver_request_duration_seconds_count: 'observed',
};

export async function scrape(transport: Transport): Promise<Scrape> {
  const res = await transport.request('GET', '/metrics', { Accept: 'text/plain' });
  if (res.status !== 200) throw new Error(`GET /metrics: HTTP ${res.status}`);
  const out: Scrape = { requests: new Map(), failed: new Map(), seconds: new Map(), observed: new Map() };
  for (const line of res.body.toString('utf8').split('\n')) {
    const open = line.indexOf('{');
    const into = open > 0 ? SERIES[line.slice(0, open)] : undefined;
    if (!into) continue;
    const close = line.lastIndexOf('}');
    const labels = Object.fromEntries([...line.slice(open + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    const value = Number(line.slice(close + 1).trim());
    const key = `${labels['verb']} ${labels['resource']}${labels['subresource'] ? `/${labels['subresource']}` : ''}`;
    out[into].set(key, (out[into].get(key) ?? 0) + value);
    const failed = `${key} ${labels['code']}`;
    if (into === 'requests' && Number(labels['code']) >= 400) out.failed.set(failed, (out.failed.get(failed) ?? 0) + value);
  }
  return out;
}

/** Per key, `after - before`, only the keys that grew. */
export function delta(before: RequestCounts, after: RequestCounts): RequestCounts {
  const out: RequestCounts = new Map();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d > 0) out.set(k, d);
  }
  return out;
}

export const isWrite = (key: string): boolean => WRITE_VERBS.has(key.slice(0, key.indexOf(' ')));

export const sum = (c: RequestCounts, pred: (key: string) => boolean = () => true): number => [...c].reduce((n, [k, v]) => (pred(k) ? n + v : n), 0);

/** Every series of `after - before`. */
export const scrapeDelta = (before: Scrape, after: Scrape): Scrape => ({
  requests: delta(before.requests, after.requests),
  failed: delta(before.failed, after.failed),
  seconds: delta(before.seconds, after.seconds),
  observed: delta(before.observed, after.observed),
});

/** The failures of `key` as `n×code`, e.g. `7689×409`; `0` when none. */
export function failures(s: Scrape, key: string): string {
  const parts = [...s.failed].filter(([k]) => k.slice(0, k.lastIndexOf(' ')) === key).map(([k, n]) => `${n}×${k.slice(k.lastIndexOf(' ') + 1)}`);
  return parts.length > 0 ? parts.join(', ') : '0';
}
