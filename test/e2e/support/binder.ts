/**
 * TEST SCAFFOLDING — a trivial binder that stands in for the scheduler until it exists (issue 4). Remove it (and
 * its start/stop in the controller e2e files) once `k8ts up` runs a scheduler.
 *
 * It lists and then watches unbound pods in every namespace (`fieldSelector=spec.nodeName=`) through the project's
 * REST client with the cluster's kubeconfig (so it goes through the API server like any other client), and POSTs a
 * `pods/binding` for each one, round-robin over the given nodes (the hollow nodes `hollow-node-0..N-1`). It does no
 * filtering or scoring at all: no resources, taints, affinity or nodeSelector. A binding that fails with 409
 * (already bound) or 404 (pod gone) is dropped; any other failure is retried after a short delay. When the watch
 * ends or fails it lists again (so nothing is missed across the gap). `stop()` aborts the watch and waits for the
 * loop to end.
 */
import { loadRestConfig, httpsTransport, RestClient } from '../../../src/client/rest/index.js';
import { PODS } from '../../../src/client/resources.js';
import type { KubeObject } from '../../../src/client/interface.js';
import { StatusError } from '../../../src/machinery/errors/status.js';
import { after, before } from 'node:test';
import type { Suite } from './suite.js';

interface PodLike extends KubeObject {
  spec?: { nodeName?: string };
  status?: { phase?: string };
}

export interface Binder {
  /** Pods bound so far. */
  readonly bound: number;
  /** Failed binding attempts other than 404/409 (retried). */
  readonly errors: number;
  stop(): Promise<void>;
}

/** `hollow-node-0` … `hollow-node-<n-1>`, the names `k8ts up --hollow-nodes n` registers. */
export function hollowNodeNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `hollow-node-${i}`);
}

const RETRY_MS = 200;

function statusCode(err: unknown): number | undefined {
  return err instanceof StatusError ? err.code : undefined;
}

/** Starts binding unbound pods of the cluster behind `kubeconfig` to `nodes`, round-robin. */
export async function startBinder(kubeconfig: string, nodes: string[]): Promise<Binder> {
  if (nodes.length === 0) throw new Error('binder: no nodes to bind to');
  const transport = httpsTransport(await loadRestConfig(kubeconfig), { userAgent: 'k8ts-e2e-binder', timeoutMs: 15_000 });
  const client = new RestClient(transport);
  const ac = new AbortController();
  const inFlight = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let next = 0;
  let bound = 0;
  let errors = 0;

  const bind = (pod: PodLike): void => {
    const ns = pod.metadata?.namespace;
    const name = pod.metadata?.name;
    if (!ns || !name || pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const key = `${ns}/${name}`;
    if (inFlight.has(key) || ac.signal.aborted) return;
    inFlight.add(key);
    const node = nodes[next++ % nodes.length]!;
    const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
    client.createSubresource(PODS, ns, name, 'binding', body).then(
      () => {
        bound++;
        inFlight.delete(key);
      },
      (err: unknown) => {
        inFlight.delete(key);
        const code = statusCode(err);
        if (code === 404 || code === 409 || ac.signal.aborted) return;
        errors++;
        const t = setTimeout(() => {
          timers.delete(t);
          bind(pod);
        }, RETRY_MS);
        timers.add(t);
      },
    );
  };

  const loop = async (): Promise<void> => {
    while (!ac.signal.aborted) {
      try {
        const list = await client.list<PodLike>(PODS, '', { fieldSelector: 'spec.nodeName=' });
        for (const p of list.items) bind(p);
        const rv = list.metadata?.resourceVersion;
        for await (const ev of client.watch<PodLike>(PODS, '', { fieldSelector: 'spec.nodeName=', ...(rv ? { resourceVersion: rv } : {}), signal: ac.signal })) {
          if (ev.type === 'ERROR') break; // e.g. 410 Expired: list again
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') bind(ev.object);
        }
      } catch {
        // The server restarting or a transport error: list again after a short pause.
      }
      if (ac.signal.aborted) break;
      await new Promise<void>((r) => {
        const t = setTimeout(r, RETRY_MS);
        ac.signal.addEventListener('abort', () => {
          clearTimeout(t);
          r();
        }, { once: true });
      });
    }
  };
  const done = loop();

  return {
    get bound() {
      return bound;
    },
    get errors() {
      return errors;
    },
    async stop() {
      ac.abort();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await done;
      transport.close();
    },
  };
}

/**
 * Registers a binder for the suite's cluster: started in a `before` hook (after the suite's own `before` started
 * the cluster), stopped in an `after` hook. Call it at the top of a `describeBackends` body. TEST SCAFFOLDING until
 * the scheduler exists (see the top of this file).
 */
export function useBinder(s: Suite, nodeCount: number): void {
  let binder: Binder | undefined;
  before(async () => {
    binder = await startBinder(s.cluster.kubeconfig, hollowNodeNames(nodeCount));
  });
  after(async () => {
    await binder?.stop();
  });
}
