/**
 * `npm run bench:controllers`: a Deployment of 5,000 replicas on 1,000 hollow nodes (issue 3, section 4). Five
 * processes on 127.0.0.1: this one (orchestrator and observer), the API server on a temp SQLite file
 * (bench/controllers/apiserver.ts, started as bench:api starts it), the controller manager alone
 * (bench/controllers/controller-manager.ts), the hollow nodes (bench/controllers/hollow.ts) and the scheduler alone
 * (bench/common/scheduler-child.ts: runScheduler with the in-tree plugins, no leader election). Prints markdown
 * tables: the timings, the scheduling rate, the API writes, and CPU and memory per process. See bench/README.md.
 *
 *   npm run bench:controllers                                 # 5,000 replicas on 1,000 nodes
 *   npm run bench:controllers -- --quick                      # 500 replicas on 100 nodes
 *   npm run bench:controllers -- --replicas 2000 --nodes 400 [--controllers all] [--cpu-prof [dir]]
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setMaxListeners } from 'node:events';
import { httpsTransport } from '../src/client/rest/https-transport.js';
import { RestClient } from '../src/client/rest/client.js';
import type { RestConfig } from '../src/client/rest/rest-config.js';
import { DEPLOYMENTS, NAMESPACES } from '../src/client/resources.js';
import { createLogger } from '../src/machinery/log/logger.js';
import { observe } from './controllers/observe.js';
import { failures, isWrite, scrape, scrapeDelta, sum, type Scrape } from './common/metrics.js';
import { Child } from './common/procs.js';
import type { ProcStats } from './common/protocol.js';
import { topFunctions } from './common/profile-top.js';

const NAMESPACE = 'bench';
const DEPLOYMENT = 'bench';
const DEFAULT_CONTROLLERS = ['deployment', 'replicaset', 'garbagecollector'];

const { values: args } = parseArgs({
  options: {
    replicas: { type: 'string' },
    nodes: { type: 'string' },
    quick: { type: 'boolean', default: false },
    controllers: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'cpu-prof-dir': { type: 'string' },
    'time-limit': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'usage: npm run bench:controllers -- [--quick] [--replicas N] [--nodes N] [--controllers a,b|all] [--cpu-prof] [--cpu-prof-dir DIR] [--trace] [--time-limit SECONDS]\n' +
      `  defaults: 5000 replicas on 1000 nodes (--quick: 500 on 100); controllers ${DEFAULT_CONTROLLERS.join(',')}; time limit 600 s\n`,
  );
  process.exit(0);
}
const count = (name: string, v: string | undefined, dflt: number): number => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return n;
};
const REPLICAS = count('replicas', args.replicas, args.quick ? 500 : 5000);
const NODES = count('nodes', args.nodes, args.quick ? 100 : 1000);
const LIMIT_MS = count('time-limit', args['time-limit'], 600) * 1000;
const CONTROLLERS = args.controllers === 'all' ? undefined : (args.controllers?.split(',') ?? DEFAULT_CONTROLLERS);
const PROF_DIR = args['cpu-prof'] || args['cpu-prof-dir'] ? (args['cpu-prof-dir'] ?? join(tmpdir(), `k8ts-bench-controllers-prof-${Date.now()}`)) : undefined;

const T0 = performance.now();
const secs = (ms: number): string => (ms / 1000).toFixed(1);
const log = (msg: string): void => void process.stderr.write(`bench [${secs(performance.now() - T0).padStart(5)} s]: ${msg}\n`);
const mib = (b: number): string => (b / 1024 / 1024).toFixed(0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything to stop, in this order (the API server last). */
const children: Child[] = [];
let phase = 'starting';
let progress = (): string => '';

const limit = setTimeout(() => {
  log(`ABORTED: the benchmark did not finish within ${LIMIT_MS / 1000} s, in phase "${phase}" (${progress()}); stopping the child processes (PIDs ${children.map((c) => c.pid).join(', ')})`);
  // Ask each child to stop (the API server removes its temp dir), SIGKILL after 3 s; leave after 12 s at most.
  const forceExit = setTimeout(() => process.exit(2), 12_000);
  forceExit.unref();
  void stopAll(3000).finally(() => process.exit(2));
}, LIMIT_MS);

async function stopAll(graceMs?: number): Promise<void> {
  for (const c of [...children].reverse()) await c.stop(graceMs);
}

/** Polls `done` every 50 ms, logging `progress` every 5 s; resolves with performance.now() once true. */
async function until(what: string, done: () => boolean, show: () => string, failed?: () => string | undefined): Promise<number> {
  phase = what;
  progress = show;
  let lastLog = performance.now();
  while (!done()) {
    const f = failed?.();
    if (f) throw new Error(`${what}: ${f}`);
    await sleep(50);
    if (performance.now() - lastLog >= 5000) {
      log(`  … ${show()}`);
      lastLog = performance.now();
    }
  }
  return performance.now();
}

function deployment(): Record<string, unknown> {
  const labels = { app: DEPLOYMENT };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: DEPLOYMENT, namespace: NAMESPACE },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.9' }] } },
    },
  };
}

/** Per key, `after - before` of a child's counters. */
const runDelta = (before: Record<string, number> | undefined, after: Record<string, number> | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(after ?? {}).map(([k, v]) => [k, v - (before?.[k] ?? 0)]));

interface ProcRow {
  name: string;
  before: ProcStats;
  after: ProcStats;
}

function report(o: {
  describe: string;
  t: Record<'api' | 'registered' | 'nodesReady' | 'create' | 'exist' | 'bound' | 'running' | 'available', number>;
  seenAt: number[];
  boundAt: number[];
  api: Scrape;
  procs: ProcRow[];
  scheduler: Record<string, number>;
}): string {
  const { t } = o;
  const end = Math.max(t.running, t.available);
  const runS = (end - t.create) / 1000;
  const existS = (t.exist - t.create) / 1000;
  // Pods first seen (first seen bound) per 1 s bin after the Deployment was created.
  const binned = (times: number[]): Map<number, number> => {
    const m = new Map<number, number>();
    for (const at of times) {
      const b = Math.floor((at - t.create) / 1000);
      m.set(b, (m.get(b) ?? 0) + 1);
    }
    return m;
  };
  const bins = binned(o.seenAt);
  const peak = Math.max(0, ...bins.values());
  const boundBins = binned(o.boundAt);
  const boundPeak = Math.max(0, ...boundBins.values());
  // The scheduling ramp: from the first pod seen bound to the last one.
  const rampS = ((o.boundAt.at(-1) ?? t.bound) - (o.boundAt[0] ?? t.create)) / 1000;
  const totalWrites = sum(o.api.requests, isWrite);
  const out: string[] = [];
  out.push(`### Deployment of ${REPLICAS} replicas on ${NODES} hollow nodes`, '');
  out.push('| what | value |', '|---|---:|');
  const row = (k: string, v: string) => out.push(`| ${k} | ${v} |`);
  row('API server up (PKI, SQLite, bootstrap)', `${secs(t.api - T0)} s`);
  row(`${NODES} hollow nodes registered`, `${secs(t.registered - t.api)} s`);
  row(`… all ${NODES} nodes Ready`, `${secs(t.nodesReady - t.api)} s`);
  row(`Deployment created → all ${REPLICAS} pods exist`, `**${existS.toFixed(1)} s**`);
  row('pods created/s (average over that time)', `**${(REPLICAS / existS).toFixed(0)}**`);
  row('pods created/s (best 1 s)', `${peak}`);
  const per5 = Array.from({ length: Math.ceil(existS / 5) }, (_, i) => (bins.get(5 * i) ?? 0) + (bins.get(5 * i + 1) ?? 0) + (bins.get(5 * i + 2) ?? 0) + (bins.get(5 * i + 3) ?? 0) + (bins.get(5 * i + 4) ?? 0));
  row('pods created per 5 s, in order', per5.join(', '));
  row(`Deployment created → all pods bound (scheduler)`, `**${secs(t.bound - t.create)} s**`);
  row(`… all pods exist → all pods bound (scheduler lag behind creation)`, `${secs(t.bound - t.exist)} s`);
  row('pods bound/s (scheduling throughput, first → last bind)', `**${(o.boundAt.length / Math.max(rampS, 0.001)).toFixed(0)}** (${o.boundAt.length} in ${rampS.toFixed(1)} s)`);
  row('pods bound/s (best 1 s)', `${boundPeak}`);
  row(`Deployment created → all pods Running and Ready`, `**${secs(t.running - t.create)} s**`);
  row(`Deployment created → status.availableReplicas = ${REPLICAS}`, `${secs(t.available - t.create)} s`);
  row(`API writes during the run (${runS.toFixed(1)} s)`, `${totalWrites}`);
  row('API writes/s during the run', `**${(totalWrites / runS).toFixed(0)}**`);
  const conflicts = sum(o.api.failed, (k) => k.endsWith(' 409') && isWrite(k));
  row('API writes answered 409 Conflict', `${conflicts} (${((100 * conflicts) / Math.max(1, totalWrites)).toFixed(1)}% of writes)`);
  row('API requests/s during the run (all verbs, watches counted once)', `${(sum(o.api.requests) / runS).toFixed(0)}`);
  row('scheduler: attempts scheduled / unschedulable / error (during the run)', `${o.scheduler['scheduled'] ?? 0} / ${o.scheduler['unschedulable'] ?? 0} / ${o.scheduler['error'] ?? 0}`);
  out.push('', `API writes during the run, by verb and resource (apiserver_request_total deltas):`, '');
  out.push('| verb resource | count | per s | failed (count×code) | mean latency ms (server side) |', '|---|---:|---:|---:|---:|');
  const writes = [...o.api.requests].filter(([k]) => isWrite(k)).sort((a, b) => b[1] - a[1]);
  for (const [k, v] of writes) {
    const n = o.api.observed.get(k) ?? 0;
    const mean = n > 0 ? ((1000 * (o.api.seconds.get(k) ?? 0)) / n).toFixed(1) : '–';
    out.push(`| ${k} | ${v} | ${(v / runS).toFixed(1)} | ${failures(o.api, k)} | ${mean} |`);
  }
  out.push('', `CPU and memory per process during the run (Deployment created → all Running and Available, ${runS.toFixed(1)} s wall):`, '');
  out.push('| process | pid | CPU s (run) | CPU % of a core (run) | event loop busy % (run) | CPU s (setup, before the run) | peak RSS MiB | peak heap MiB | RSS MiB at end | heap MiB at end |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const p of o.procs) {
    const cpu0 = p.before.cpuUserS + p.before.cpuSystemS;
    const cpu = p.after.cpuUserS + p.after.cpuSystemS - cpu0;
    const active = p.after.loopActiveMs - p.before.loopActiveMs;
    const busy = (100 * active) / (active + p.after.loopIdleMs - p.before.loopIdleMs);
    out.push(
      `| ${p.name} | ${p.after.pid} | ${cpu.toFixed(1)} | ${((100 * cpu) / runS).toFixed(0)} | ${busy.toFixed(0)} | ${cpu0.toFixed(1)} | ${mib(p.after.peakRss)} | ${mib(p.after.peakHeapUsed)} | ${mib(p.after.rss)} | ${mib(p.after.heapUsed)} |`,
    );
  }
  out.push('');
  out.push(`Controllers: ${CONTROLLERS?.join(', ') ?? 'all'}. Scheduler: k8ts's own (runScheduler with the in-tree plugins and the default profile, no leader election) in a process of its own with its own HTTPS connection; "bound" is when the orchestrator's pod informer first saw spec.nodeName set. Store: ${o.describe}. Everything over HTTPS on 127.0.0.1 with the admin client certificate.`);
  return out.join('\n');
}

async function main(): Promise<number> {
  log(`${REPLICAS} replicas on ${NODES} hollow nodes; controllers ${CONTROLLERS?.join(',') ?? 'all'}; limit ${LIMIT_MS / 1000} s${PROF_DIR ? `; CPU profiles into ${PROF_DIR}` : ''}`);
  if (PROF_DIR) mkdirSync(PROF_DIR, { recursive: true });
  const fo = { log, ...(PROF_DIR ? { cpuProfDir: PROF_DIR } : {}) };
  const stopObserver = new AbortController();
  setMaxListeners(0, stopObserver.signal);
  let transport: ReturnType<typeof httpsTransport> | undefined;
  try {
    phase = 'API server';
    const api = new Child('apiserver', new URL('./controllers/apiserver.ts', import.meta.url), fo);
    children.push(api);
    const ready = await api.start({});
    const rest = ready.rest as RestConfig;
    const tApi = performance.now();
    log(`API server ${rest.server} (pid ${api.pid}), ${ready.describe}`);

    transport = httpsTransport(rest, { userAgent: 'k8ts-bench/observer' });
    const client = new RestClient(transport);
    await client.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
    const obs = observe(client, NAMESPACE, createLogger({ level: 'warn' }), stopObserver.signal);

    phase = 'hollow nodes, controller manager and scheduler';
    const hollow = new Child('hollow-nodes', new URL('./controllers/hollow.ts', import.meta.url), fo);
    const cm = new Child('controller-manager', new URL('./controllers/controller-manager.ts', import.meta.url), fo);
    const scheduler = new Child('scheduler', new URL('./common/scheduler-child.ts', import.meta.url), fo);
    children.push(hollow, cm, scheduler);
    const cmReady = cm.start({ rest, trace: args.trace, ...(CONTROLLERS ? { controllers: CONTROLLERS } : {}) });
    const schedulerReady = scheduler.start({ rest });
    log(`registering ${NODES} hollow nodes (pid ${hollow.pid}); controller manager pid ${cm.pid}; scheduler pid ${scheduler.pid}`);
    let registeredAt = 0;
    const hollowReady = hollow.start({ rest, nodes: NODES }).then(() => (registeredAt = performance.now()));
    let childError: string | undefined;
    hollowReady.catch((e: unknown) => (childError = String(e)));
    cmReady.catch((e: unknown) => (childError = String(e)));
    schedulerReady.catch((e: unknown) => (childError = String(e)));
    const tNodesReady = await until(
      `waiting for ${NODES} nodes Ready`,
      () => registeredAt > 0 && obs.readyNodes() >= NODES,
      () => `${obs.readyNodes()}/${NODES} nodes Ready`,
      () => childError,
    );
    await Promise.all([cmReady, schedulerReady]);
    log(`${NODES} nodes Ready after ${secs(tNodesReady - tApi)} s; settling 3 s`);
    await sleep(3000);

    // The run: baselines, the Deployment, then wait.
    for (const c of children) c.mark();
    const before = await Promise.all(children.map((c) => c.stats()));
    const apiBefore = await scrape(transport);
    const tCreate = performance.now();
    await client.create(DEPLOYMENTS, NAMESPACE, deployment());
    log(`Deployment ${NAMESPACE}/${DEPLOYMENT} created with ${REPLICAS} replicas`);
    const show = () => `pods: ${obs.pods.seen} exist, ${obs.pods.bound} bound, ${obs.pods.running} Running+Ready of ${REPLICAS}; available ${obs.availableReplicas(DEPLOYMENT)}`;
    const tExist = await until(`waiting for ${REPLICAS} pods to exist`, () => obs.pods.seen >= REPLICAS, show);
    log(`all ${REPLICAS} pods exist after ${secs(tExist - tCreate)} s`);
    const tBound = await until(`waiting for ${REPLICAS} pods to be bound`, () => obs.pods.bound >= REPLICAS, show);
    const tRunning = await until(`waiting for ${REPLICAS} pods Running and Ready`, () => obs.pods.running >= REPLICAS, show);
    log(`all ${REPLICAS} pods Running and Ready after ${secs(tRunning - tCreate)} s`);
    const tAvailable = await until(`waiting for status.availableReplicas = ${REPLICAS}`, () => obs.availableReplicas(DEPLOYMENT) >= REPLICAS, show);
    const after = await Promise.all(children.map((c) => c.stats()));
    const apiRun = scrapeDelta(apiBefore, await scrape(transport));
    if (obs.pods.seen > REPLICAS) log(`WARNING: ${obs.pods.seen} pods seen for ${REPLICAS} replicas`);

    phase = 'stopping';
    progress = () => '';
    stopObserver.abort();
    const table = report({
      describe: ready.describe ?? '',
      t: { api: tApi, registered: registeredAt, nodesReady: tNodesReady, create: tCreate, exist: tExist, bound: tBound, running: tRunning, available: tAvailable },
      seenAt: obs.seenAt,
      boundAt: obs.boundAt,
      api: apiRun,
      procs: children.map((c, i) => ({ name: c.name, before: before[i]!, after: after[i]! })),
      scheduler: runDelta(before[children.indexOf(scheduler)]!.extra, after[children.indexOf(scheduler)]!.extra),
    });
    log('stopping the child processes');
    transport.close();
    await stopAll();
    process.stdout.write(`\n${table}\n`);
    if (PROF_DIR) {
      for (const c of children) {
        // The main thread's profile is the largest file (tsx's hooks thread writes a small one too).
        const dir = join(PROF_DIR, c.name);
        const main = readdirSync(dir)
          .filter((n) => n.endsWith('.cpuprofile'))
          .map((n) => ({ path: join(dir, n), size: statSync(join(dir, n)).size }))
          .sort((a, b) => b.size - a.size)[0];
        if (main) process.stdout.write(`\n#### CPU profile of ${c.name}: ${main.path} (whole process lifetime, top 25 by self time)\n\n${topFunctions(main.path, 25)}\n`);
      }
    }
    return 0;
  } finally {
    stopObserver.abort();
    transport?.close();
    await stopAll();
  }
}

main().then(
  (code) => {
    clearTimeout(limit);
    process.exitCode = code;
  },
  (err: unknown) => {
    clearTimeout(limit);
    log(`FAILED in phase "${phase}": ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
