/** One benchmark client: its own keep-alive HTTPS connection, authenticated with the admin client certificate. */
import { Agent, request } from 'node:https';

export interface Answer {
  status: number;
  body: string;
}

const TIMEOUT_MS = 30_000;

export class BenchClient {
  readonly agent: Agent;

  constructor(
    private readonly base: string,
    tls: { ca: string; cert: string; key: string },
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ca: tls.ca, cert: tls.cert, key: tls.key });
  }

  request(method: string, path: string, body?: string): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
    return new Promise((resolve, reject) => {
      const req = request(`${this.base}${path}`, { method, headers, agent: this.agent, timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Runs `total` operations over `clients`, each client doing one at a time; `op(client, i)` gets a unique index.
 * Resolves with the latency (ms) of every operation and the wall time of the whole phase.
 */
export async function drive(
  clients: readonly BenchClient[],
  total: number,
  op: (client: BenchClient, i: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await op(c, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}
