/**
 * The trivial binder the benchmark uses while k8ts has no scheduler: an informer on unassigned pods
 * (`spec.nodeName=`, as upstream's scheduler watches them) and a few workers that POST pods/binding round-robin
 * over the given nodes. No filtering, no scoring, no capacity checks: it only stands in for the scheduler's
 * API traffic (one watch, one binding write per pod).
 */
import type { Client } from '../../src/client/interface.js';
import { createSharedInformerFactory } from '../../src/client/informer/factory.js';
import { keyOf, splitKey } from '../../src/client/informer/interface.js';
import { PODS } from '../../src/client/resources.js';
import { realClock } from '../../src/machinery/clock/clock.js';
import type { Logger } from '../../src/machinery/log/logger.js';
import type { PodObject } from '../../src/kubelet/types.js';

export interface BinderOptions {
  client: Client;
  nodes: readonly string[];
  logger: Logger;
  /** Binding requests in flight at once (default 16). */
  concurrency?: number;
}

export interface Binder {
  readonly counters: { binds: number; conflicts: number; errors: number };
  /** Resolves once the workers stopped (after the signal aborted). */
  done: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusCode = (err: unknown): number | undefined => {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
};

export function startBinder(o: BinderOptions, signal: AbortSignal): Binder {
  if (o.nodes.length === 0) throw new Error('binder: no nodes to bind to');
  const counters = { binds: 0, conflicts: 0, errors: 0 };
  const queue: string[] = [];
  const seen = new Set<string>(); // queued, in flight or bound
  const waiters: (() => void)[] = [];
  const wake = (): void => waiters.shift()?.();
  let next = 0;

  const informers = createSharedInformerFactory(o.client, { clock: realClock, logger: o.logger });
  const unassigned = informers.informerFor<PodObject>(PODS, { fieldSelector: 'spec.nodeName=' });
  const offer = (pod: Readonly<PodObject>): void => {
    if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return;
    const key = keyOf(pod);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(key);
    wake();
  };
  unassigned.addEventHandler({ onAdd: offer, onUpdate: (_old, cur) => offer(cur), onDelete: (pod) => seen.delete(keyOf(pod)) });
  informers.start(signal);

  const bind = async (key: string): Promise<void> => {
    const { namespace, name } = splitKey(key);
    for (let attempt = 0; ; attempt++) {
      const node = o.nodes[next++ % o.nodes.length]!;
      try {
        await o.client.createSubresource(PODS, namespace, name, 'binding', {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace },
          target: { apiVersion: 'v1', kind: 'Node', name: node },
        } as never);
        counters.binds++;
        return;
      } catch (err) {
        const code = statusCode(err);
        if (code === 409 || code === 404) {
          counters.conflicts++; // already bound, or gone
          return;
        }
        counters.errors++;
        if (attempt >= 5 || signal.aborted) {
          seen.delete(key); // a later update of the pod offers it again
          o.logger.warn('binding failed', { pod: key, err: String(err) });
          return;
        }
        await sleep(100 * (attempt + 1));
      }
    }
  };

  const worker = async (): Promise<void> => {
    while (!signal.aborted) {
      const key = queue.shift();
      if (key === undefined) {
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      await bind(key);
    }
  };
  signal.addEventListener('abort', () => waiters.splice(0).forEach((w) => w()), { once: true });
  const workers = Array.from({ length: o.concurrency ?? 16 }, () => worker());
  return { counters, done: Promise.all(workers).then(() => undefined) };
}
