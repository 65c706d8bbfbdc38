/**
 * The load generator: a child process of bench/api.ts, so that its HTTPS clients never share the API server's
 * event loop. It receives one LoadConfig over IPC, runs the phases in order and answers with the table rows.
 */
import type { GeneratorMessage, LoadConfig, Row } from '../protocol.js';
import { BenchClient } from './client.js';
import { createPhase, getPhase, listPhase, watchPhase, type BenchContext } from './phases.js';

function send(msg: GeneratorMessage): void {
  process.send?.(msg);
}

async function run(cfg: LoadConfig): Promise<Row[]> {
  const clients = Array.from({ length: cfg.clients }, () => new BenchClient(cfg.url, cfg));
  const ctx: BenchContext = { cfg, clients, created: [], progress: (message) => send({ type: 'progress', message }) };
  const rows: Row[] = [];
  try {
    const step = async <T extends Row | Row[]>(what: string, phase: () => Promise<T>): Promise<void> => {
      const t0 = performance.now();
      const out = await phase();
      rows.push(...(Array.isArray(out) ? out : [out]));
      ctx.progress(`${what} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    await step(`${cfg.creates} creates`, () => createPhase(ctx));
    await step(`${cfg.gets} gets`, () => getPhase(ctx));
    await step(`${cfg.lists} lists`, () => listPhase(ctx));
    await step(`${cfg.watchUpdates} watched updates`, () => watchPhase(ctx));
    return rows;
  } finally {
    for (const c of clients) c.close();
  }
}

process.once('message', (cfg: LoadConfig) => {
  run(cfg).then(
    (rows) => send({ type: 'result', rows }),
    (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  ).finally(() => process.disconnect?.());
});
