/**
 * The benchmark phases, in order: creates, GETs, paginated LISTs, then updates observed through a watch. Each
 * returns table rows; any answer other than the expected status fails the phase (a benchmark of errors is no
 * benchmark).
 */
import type { LoadConfig, Row } from '../protocol.js';
import { summarize } from '../stats.js';
import { BenchClient, drive } from './client.js';
import { WatchReader } from './watch-reader.js';

export interface BenchContext {
  cfg: LoadConfig;
  clients: BenchClient[];
  /** Objects as the create answered them, by index (kept for the watched updates). */
  created: Array<Record<string, any> | undefined>;
  progress(message: string): void;
}

const nameOf = (i: number): string => `cm-${String(i).padStart(6, '0')}`;
const collection = (cfg: LoadConfig): string => `/api/v1/namespaces/${cfg.namespace}/configmaps`;

function expect(status: number, want: number, what: string, body: string): void {
  if (status !== want) throw new Error(`${what}: HTTP ${status} (want ${want}): ${body.slice(0, 300)}`);
}

export async function createPhase(ctx: BenchContext): Promise<Row> {
  const { cfg } = ctx;
  const keep = Math.min(cfg.watchUpdates, cfg.creates);
  const r = await drive(ctx.clients, cfg.creates, async (c, i) => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: nameOf(i), labels: { bench: 'api' } }, data: { index: String(i), payload: 'x'.repeat(64) } });
    const res = await c.request('POST', collection(cfg), body);
    expect(res.status, 201, `create ${nameOf(i)}`, res.body);
    if (i < keep) ctx.created[i] = JSON.parse(res.body) as Record<string, any>;
  });
  return summarize('CREATE', r.latencies, r.elapsedMs);
}

export async function getPhase(ctx: BenchContext): Promise<Row> {
  const { cfg } = ctx;
  const r = await drive(ctx.clients, cfg.gets, async (c, i) => {
    const res = await c.request('GET', `${collection(cfg)}/${nameOf(i % cfg.creates)}`);
    expect(res.status, 200, `get ${nameOf(i % cfg.creates)}`, res.body);
  });
  return summarize('GET', r.latencies, r.elapsedMs);
}

/** Each LIST reads every page (limit=listPageSize) until `continue` is empty and checks the item count. */
export async function listPhase(ctx: BenchContext): Promise<Row[]> {
  const { cfg } = ctx;
  const pageLatencies: number[] = [];
  const r = await drive(ctx.clients, cfg.lists, async (c) => {
    let items = 0;
    let cont = '';
    for (let page = 0; page < 100_000; page++) {
      const t0 = performance.now();
      const res = await c.request('GET', `${collection(cfg)}?limit=${cfg.listPageSize}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      expect(res.status, 200, 'list page', res.body);
      const list = JSON.parse(res.body) as { items: unknown[]; metadata: { continue?: string } };
      pageLatencies.push(performance.now() - t0);
      items += list.items.length;
      cont = list.metadata.continue ?? '';
      if (!cont) break;
    }
    if (items !== cfg.creates) throw new Error(`list returned ${items} items over its pages, want ${cfg.creates}`);
  });
  const pages = Math.round(pageLatencies.length / Math.max(1, cfg.lists));
  return [
    summarize('LIST (all pages)', r.latencies, r.elapsedMs, `${cfg.creates} items in ${pages} pages of ${cfg.listPageSize} each`),
    summarize(`LIST page (limit=${cfg.listPageSize})`, pageLatencies, r.elapsedMs),
  ];
}

/**
 * Opens a watch at the current resourceVersion, updates `watchUpdates` ConfigMaps (each once, with PUT naming
 * the resourceVersion from the create), and measures for every update the time from its 200 answer to the
 * arrival of the watch event carrying the new resourceVersion (0 when the event came first).
 */
export async function watchPhase(ctx: BenchContext): Promise<Row[]> {
  const { cfg } = ctx;
  const head = await ctx.clients[0]!.request('GET', `${collection(cfg)}?limit=1`);
  expect(head.status, 200, 'list for the watch revision', head.body);
  const rv = (JSON.parse(head.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const watcher = new BenchClient(cfg.url, cfg);
  const reader = await WatchReader.open(cfg.url, `${collection(cfg)}?watch=1&resourceVersion=${encodeURIComponent(rv)}`, watcher.agent);
  try {
    const acks = new Map<string, number>();
    const r = await drive(ctx.clients, cfg.watchUpdates, async (c, i) => {
      const obj = structuredClone(ctx.created[i]!);
      obj['data'] = { ...obj['data'], updated: 'yes' };
      const res = await c.request('PUT', `${collection(cfg)}/${nameOf(i)}`, JSON.stringify(obj));
      expect(res.status, 200, `update ${nameOf(i)}`, res.body);
      acks.set((JSON.parse(res.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion, performance.now());
    });
    await reader.waitFor(() => [...acks.keys()].every((k) => reader.arrivals.has(k)), 60_000);
    const delays = [...acks].map(([k, ackedAt]) => Math.max(0, reader.arrivals.get(k)! - ackedAt));
    const early = [...acks].filter(([k, ackedAt]) => reader.arrivals.get(k)! < ackedAt).length;
    return [
      summarize('UPDATE (PUT, watched)', r.latencies, r.elapsedMs),
      summarize('WATCH delivery (ack → event)', delays, r.elapsedMs, `${early} of ${delays.length} events arrived before their ack (counted as 0)`),
    ];
  } finally {
    reader.close();
    watcher.close();
  }
}
