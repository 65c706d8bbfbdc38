/**
 * The load driver: creates objects through the API with at most `concurrency` requests in flight (scheduler_perf
 * creates pods with 30 workers), recording when each create was sent. A create that failed in transport, with 429
 * or a 5xx is retried (up to 5 times, with a short pause); one that never succeeds is counted.
 */
import type { Client, KubeObject, ResourceRef } from '../../src/client/interface.js';
import { StatusError } from '../../src/machinery/errors/status.js';

export interface CreateResult {
  created: number;
  failed: number;
  firstError?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Transport errors, 429 and 5xx are worth another try; any other answer of the API server is final. */
const retriable = (e: unknown): boolean => {
  const code = e instanceof StatusError ? e.code : undefined;
  return code === undefined || code === 429 || code >= 500;
};

export async function createAll(
  client: Client,
  resource: ResourceRef,
  count: number,
  make: (i: number) => KubeObject,
  o: { concurrency: number; signal?: AbortSignal; onSend?: (obj: KubeObject, at: number) => void },
): Promise<CreateResult> {
  const r: CreateResult = { created: 0, failed: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !o.signal?.aborted) {
      const obj = make(next++);
      const ns = obj.metadata?.namespace ?? '';
      for (let attempt = 1; ; attempt++) {
        try {
          // The latency clock starts when the first attempt is sent.
          if (attempt === 1) o.onSend?.(obj, performance.now());
          await client.create(resource, ns, obj);
          r.created++;
          break;
        } catch (e) {
          if (attempt >= 5 || o.signal?.aborted || !retriable(e)) {
            r.failed++;
            r.firstError ??= String(e);
            break;
          }
          await sleep(100 * attempt);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, count)) }, worker));
  return r;
}
