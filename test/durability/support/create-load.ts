/**
 * Concurrent ConfigMap creators: each client creates uniquely named ConfigMaps one after another over its own
 * keep-alive connection until a request fails at the transport level (the server died) or `stop` is set.
 * A name goes into `acked` only when its 201 arrived; every name sent goes into `attempted`.
 */
import type { AdminClient } from './admin-client.js';

export interface CreateLedger {
  attempted: Set<string>;
  acked: Set<string>;
  /** Answers other than 201 (a 5xx while the server goes down is possible; a 409 would be a bug). */
  unexpected: string[];
}

export function newLedger(): CreateLedger {
  return { attempted: new Set(), acked: new Set(), unexpected: [] };
}

export interface CreatorOptions {
  namespace: string;
  /** Unique per round, e.g. `r3`. */
  prefix: string;
  /** Upper bound on creates per client (a bound on the loop, far above what a round reaches). */
  maxPerClient: number;
  stop: () => boolean;
}

/** Runs one creator per client; resolves when every one has stopped (never rejects). */
export async function runCreators(clients: AdminClient[], ledger: CreateLedger, o: CreatorOptions): Promise<void> {
  await Promise.all(clients.map((c, i) => createLoop(c, i, ledger, o)));
}

async function createLoop(client: AdminClient, index: number, ledger: CreateLedger, o: CreatorOptions): Promise<void> {
  const path = `/api/v1/namespaces/${o.namespace}/configmaps`;
  for (let seq = 0; seq < o.maxPerClient && !o.stop(); seq++) {
    const name = `${o.prefix}-c${index}-${seq}`;
    ledger.attempted.add(name);
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { seq: String(seq) } };
    let status: number;
    try {
      status = (await client.request('POST', path, body)).status;
    } catch {
      return; // connection refused/reset: the server is gone
    }
    if (status === 201) ledger.acked.add(name);
    else ledger.unexpected.push(`${name}: ${status}`);
  }
}
