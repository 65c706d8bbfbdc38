/**
 * The API side of bench:pods, run by bench/pods.ts inside the benchmark's network namespace (`nsenter --net`), since
 * the API server of `k8ts up` listens on that namespace's 127.0.0.1. It talks to the API with the project's
 * RestClient and the data directory's admin kubeconfig, takes commands as JSON lines on stdin and answers as JSON
 * lines on stdout (bench/pods/protocol.ts); progress goes to stderr.
 *
 *   cold    wait for the kubeconfig file and the API's first answer, watch the Node until Ready, then create one pod
 *           and watch it until Running and Ready (k8ts up → first pod Running)
 *   pods    create N pods at R/s (each create sent at its own time, t0 + i/R, without waiting for the previous
 *           one), with a list+watch of the namespace started first: per pod the create sent, answered, and the
 *           first watch events showing spec.nodeName, phase Running, condition Ready True
 *   delete  delete every pod of the namespace (their grace, 1 s) and watch until the API has none
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject, ResourceRef } from '../../src/client/interface.js';
import { httpsTransport } from '../../src/client/rest/https-transport.js';
import { RestClient } from '../../src/client/rest/client.js';
import { loadRestConfig } from '../../src/client/rest/rest-config.js';
import { NAMESPACES, NODES, PODS } from '../../src/client/resources.js';
import { isAlreadyExistsStatus } from '../../src/machinery/errors/status.js';
import { benchPod, podName } from './spec.js';
import { now, type DriverCommand, type DriverReply, type PodTimes } from './protocol.js';

const reply = (r: DriverReply): void => void process.stdout.write(`${JSON.stringify(r)}\n`);
const progress = (message: string): void => reply({ type: 'progress', message });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let client: RestClient | undefined;
let closeTransport: (() => void) | undefined;

/**
 * List, then watch from the list's resourceVersion, calling `seen` for every object (listed or changed) with the time
 * it arrived; a watch that ends or errs is followed by a new list+watch (counted). Resolves `synced` after the first
 * list, so nothing created after it can be missed.
 */
function listWatch<T extends KubeObject>(
  c: RestClient,
  r: ResourceRef,
  namespace: string,
  seen: (o: T, at: number, type: string) => void,
  signal: AbortSignal,
): { synced: Promise<void>; restarts: () => number; done: Promise<void> } {
  let restarts = 0;
  let markSynced: () => void = () => undefined;
  let failSynced: (e: unknown) => void = () => undefined;
  const synced = new Promise<void>((res, rej) => ((markSynced = res), (failSynced = rej)));
  const done = (async () => {
    let first = true;
    while (!signal.aborted) {
      try {
        const list = await c.list<T>(r, namespace);
        const at = now();
        for (const o of list.items) seen(o, at, 'LISTED');
        if (first) markSynced();
        first = false;
        let rv = list.metadata.resourceVersion;
        for await (const ev of c.watch<T>(r, namespace, { resourceVersion: rv, allowWatchBookmarks: true, signal })) {
          const t = now();
          if (ev.type === 'ERROR') break;
          rv = ev.object.metadata?.resourceVersion ?? rv;
          if (ev.type !== 'BOOKMARK') seen(ev.object, t, ev.type);
        }
      } catch (e) {
        if (signal.aborted) break;
        if (first) {
          failSynced(e);
          return;
        }
        process.stderr.write(`driver: watch of ${r.resource} failed (${errText(e)}); listing again\n`);
        await sleep(200);
      }
      if (!signal.aborted) restarts++;
    }
  })();
  return { synced, restarts: () => restarts, done };
}

const isReady = (conds: readonly { type: string; status: string }[] | undefined): boolean => !!conds?.some((c) => c.type === 'Ready' && c.status === 'True');

/** Notes the first time a pod is seen bound, Running, Ready. */
function recordPod(times: Map<string, PodTimes>, p: Pod, at: number): void {
  const t = times.get(p.metadata?.name ?? '');
  if (!t) return;
  if (t.boundAt === undefined && p.spec?.nodeName) t.boundAt = at;
  if (t.runningAt === undefined && p.status?.phase === 'Running') t.runningAt = at;
  if (t.readyAt === undefined && isReady(p.status?.conditions)) t.readyAt = at;
}

async function until(what: string, cond: () => boolean, deadline: number, show: () => string): Promise<boolean> {
  let lastLog = now();
  while (!cond()) {
    if (now() > deadline) {
      progress(`timed out: ${what} (${show()})`);
      return false;
    }
    await sleep(5);
    if (now() - lastLog > 5000) {
      progress(`… ${what}: ${show()}`);
      lastLog = now();
    }
  }
  return true;
}

async function ensureNamespace(c: RestClient, name: string): Promise<void> {
  try {
    await c.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  } catch (e) {
    if (!isAlreadyExistsStatus(e)) throw e;
  }
}

async function cold(m: Extract<DriverCommand, { cmd: 'cold' }>): Promise<void> {
  const deadline = now() + m.timeoutMs;
  while (!existsSync(m.kubeconfig)) {
    if (now() > deadline) throw new Error(`no kubeconfig at ${m.kubeconfig} within ${m.timeoutMs} ms`);
    await sleep(10);
  }
  const kubeconfigAt = now();
  let apiAt = 0;
  for (;;) {
    try {
      const rest = await loadRestConfig(m.kubeconfig);
      const transport = httpsTransport(rest, { userAgent: 'k8ts-bench/pods-driver', maxSockets: 16 });
      const c = new RestClient(transport);
      await c.list(NAMESPACES, '', { limit: 1 });
      apiAt = now();
      client = c;
      closeTransport = () => transport.close();
      break;
    } catch (e) {
      if (now() > deadline) throw new Error(`the API did not answer within ${m.timeoutMs} ms: ${errText(e)}`);
      await sleep(20);
    }
  }
  const c = client!;
  const stop = new AbortController();
  try {
    let nodeReadyAt: number | undefined;
    const nodes = listWatch<Node>(c, NODES, '', (n, at) => {
      if (nodeReadyAt === undefined && n.metadata?.name === m.node && isReady(n.status?.conditions)) nodeReadyAt = at;
    }, stop.signal);
    await nodes.synced;
    if (!(await until(`node ${m.node} Ready`, () => nodeReadyAt !== undefined, deadline, () => 'not Ready yet'))) throw new Error(`node ${m.node} not Ready within ${m.timeoutMs} ms`);
    await ensureNamespace(c, m.namespace);
    const name = 'first-pod';
    const times = new Map<string, PodTimes>();
    const pods = listWatch<Pod>(c, PODS, m.namespace, (p, at) => recordPod(times, p, at), stop.signal);
    await pods.synced;
    const t: PodTimes = { name, sentAt: now() };
    times.set(name, t);
    await c.create(PODS, m.namespace, benchPod(m.namespace, name) as KubeObject);
    t.createdAt = now();
    await until(`first pod Running and Ready`, () => t.readyAt !== undefined && t.runningAt !== undefined, deadline, () => JSON.stringify(t));
    reply({ type: 'cold', kubeconfigAt, apiAt, nodeReadyAt: nodeReadyAt!, pod: t });
  } finally {
    stop.abort();
  }
}

async function pods(m: Extract<DriverCommand, { cmd: 'pods' }>): Promise<void> {
  const c = client;
  if (!c) throw new Error('pods: no client (run cold first)');
  await ensureNamespace(c, m.namespace);
  const stop = new AbortController();
  const times = new Map<string, PodTimes>();
  const watch = listWatch<Pod>(c, PODS, m.namespace, (p, at) => recordPod(times, p, at), stop.signal);
  try {
    await watch.synced;
    // Warm the connection pool (TLS handshakes are not part of a create's latency at steady state).
    await Promise.all(Array.from({ length: 4 }, () => c.list(NAMESPACES, '', { limit: 1 })));
    const intervalMs = 1000 / m.rate;
    let failed = 0;
    let firstError: string | undefined;
    const t0 = now() + 20;
    const deadline = t0 + m.timeoutMs;
    reply({ type: 'started', at: t0 });
    const creates: Promise<void>[] = [];
    for (let i = 0; i < m.count; i++) {
      const due = t0 + i * intervalMs;
      const wait = due - now();
      if (wait > 1) await sleep(wait - 1);
      while (now() < due) await new Promise((r) => setImmediate(r));
      const name = podName(i);
      const t: PodTimes = { name, sentAt: now() };
      times.set(name, t);
      creates.push(
        c.create(PODS, m.namespace, benchPod(m.namespace, name) as KubeObject).then(
          () => void (t.createdAt = now()),
          (e: unknown) => {
            failed++;
            firstError ??= errText(e);
          },
        ),
      );
      if ((i + 1) % Math.max(1, Math.round(m.rate * 5)) === 0) progress(`${i + 1}/${m.count} sent, ${[...times.values()].filter((x) => x.readyAt !== undefined).length} Ready`);
    }
    await Promise.all(creates);
    const all = [...times.values()];
    const done = await until(
      `${m.count} pods Running and Ready`,
      () => all.every((t) => t.createdAt === undefined || (t.runningAt !== undefined && t.readyAt !== undefined)),
      deadline,
      () => `${all.filter((t) => t.runningAt !== undefined).length} Running, ${all.filter((t) => t.readyAt !== undefined).length} Ready of ${all.length - failed}`,
    );
    reply({ type: 'pods', pods: all, failed, ...(firstError ? { firstError } : {}), timedOut: !done, watchRestarts: watch.restarts() });
  } finally {
    stop.abort();
  }
}

async function deleteAll(m: Extract<DriverCommand, { cmd: 'delete' }>): Promise<void> {
  const c = client;
  if (!c) throw new Error('delete: no client');
  const stop = new AbortController();
  const live = new Set<string>();
  const watch = listWatch<Pod>(c, PODS, m.namespace, (p, _at, type) => {
    const name = p.metadata?.name ?? '';
    if (type === 'DELETED') live.delete(name);
    else live.add(name);
  }, stop.signal);
  try {
    await watch.synced;
    const t0 = now();
    const names = [...live];
    // 8 deletes in flight.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < names.length) {
          const name = names[next++]!;
          await c.delete(PODS, m.namespace, name).catch((e: unknown) => progress(`delete ${name}: ${errText(e)}`));
        }
      }),
    );
    await until(`${names.length} pods gone`, () => live.size === 0, t0 + m.timeoutMs, () => `${live.size} left`);
    reply({ type: 'deleted', ms: now() - t0, left: live.size });
  } finally {
    stop.abort();
  }
}

async function run(m: DriverCommand): Promise<void> {
  try {
    if (m.cmd === 'cold') await cold(m);
    else if (m.cmd === 'pods') await pods(m);
    else if (m.cmd === 'delete') await deleteAll(m);
  } catch (e) {
    reply({ type: 'error', message: errText(e) });
  }
}

function exit(): never {
  closeTransport?.();
  process.exit(0);
}

/** Commands run one after the other; `exit` (or stdin closed) ends the process at once, whatever runs. */
function main(): void {
  reply({ type: 'hello', pid: process.pid });
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const m = JSON.parse(line) as DriverCommand;
    if (m.cmd === 'exit') exit();
    queue = queue.then(() => run(m));
  });
  lines.on('close', () => exit());
}

main();
