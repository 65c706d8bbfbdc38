/**
 * `npm run bench:scheduler`: scheduler_perf-like workloads (upstream test/integration/scheduler_perf) against a
 * real k8ts API server (issue 4, "What must be shown"). Per workload, three processes on 127.0.0.1:
 *
 *   - the API server on a fresh temp SQLite file (bench/scheduler/apiserver.ts → bench/server.ts), over HTTPS;
 *   - the scheduler alone (bench/common/scheduler-child.ts: runScheduler, in-tree plugins, default profile);
 *   - this process: creates the nodes as API objects (capacity and labels as scheduler_perf's, no kubelets), then
 *     the initial pods (waits until they are all bound), then the measured pods through a load driver with bounded
 *     concurrency, and watches the pods: latency = create sent → bound seen on the watch; throughput = measured
 *     pods / (first create → last bound).
 *
 * Prints one markdown table (workload, sizes, pods/s, p50/p99, CPU and RSS of the scheduler and of the API server).
 * See bench/README.md.
 *
 *   npm run bench:scheduler                                     # every workload, full size
 *   npm run bench:scheduler -- --quick                          # every workload, smoke size
 *   npm run bench:scheduler -- --workload SchedulingBasic --nodes 1000 --initial 0 --pods 2000
 *   npm run bench:scheduler -- --workload PodAntiAffinity --cpu-prof
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setMaxListeners } from 'node:events';
import { httpsTransport } from '../src/client/rest/https-transport.js';
import { RestClient } from '../src/client/rest/client.js';
import type { RestConfig } from '../src/client/rest/rest-config.js';
import type { KubeObject } from '../src/client/interface.js';
import { NAMESPACES, NODES, PODS, resourceRef } from '../src/client/resources.js';
import { createLogger } from '../src/machinery/log/logger.js';
import { failures, scrape, scrapeDelta, type Scrape } from './common/metrics.js';
import { Child } from './common/procs.js';
import type { ProcStats } from './common/protocol.js';
import { topFunctions } from './common/profile-top.js';
import { quantile } from './stats.js';
import { createAll } from './scheduler/driver.js';
import { observePods } from './scheduler/observer.js';
import { otherWork, waitForQuiet } from './scheduler/quiet.js';
import { WORKLOAD_BY_NAME, WORKLOADS, type Sizes, type Workload, type WorkloadName } from './scheduler/workloads.js';

const PRIORITY_CLASSES = resourceRef('scheduling.k8s.io', 'priorityclasses');

const { values: args } = parseArgs({
  options: {
    workload: { type: 'string', default: 'all' },
    nodes: { type: 'string' },
    initial: { type: 'string' },
    pods: { type: 'string' },
    quick: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'cpu-prof-dir': { type: 'string' },
    'cpu-prof-measured': { type: 'boolean', default: false },
    'time-limit': { type: 'string' },
    'workload-timeout': { type: 'string' },
    'no-wait': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'usage: npm run bench:scheduler -- [--workload all|NAME[,NAME…]] [--quick] [--nodes N] [--initial N] [--pods N] [--concurrency N]\n' +
      '                                  [--cpu-prof | --cpu-prof-measured] [--cpu-prof-dir DIR] [--time-limit S] [--workload-timeout S] [--no-wait]\n' +
      `  workloads: ${WORKLOADS.join(', ')}\n` +
      WORKLOADS.map((n) => {
        const w = WORKLOAD_BY_NAME[n];
        return `    ${n}: ${w.sizes.nodes} nodes, ${w.sizes.initial} initial, ${w.sizes.measured} measured (--quick: ${w.quick.nodes}/${w.quick.initial}/${w.quick.measured})\n`;
      }).join('') +
      '  --nodes/--initial/--pods override the sizes of every selected workload; --concurrency: pod creates in flight (default 30, as scheduler_perf)\n' +
      '  --time-limit: the whole run (default 1500 s); --workload-timeout: each phase of a workload (default 300 s, --quick 120 s)\n' +
      '  --no-wait: do not wait for other work (k8ts-ci, bench/controllers) to finish first\n',
  );
  process.exit(0);
}
const count = (name: string, v: string | undefined, dflt: number, min = 1): number => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${v}`);
  return n;
};
const SELECTED: WorkloadName[] = (args.workload === 'all' ? [...WORKLOADS] : args.workload!.split(',')).map((n) => {
  const hit = WORKLOADS.find((w) => w.toLowerCase() === n.trim().toLowerCase());
  if (!hit) throw new Error(`unknown workload ${n}; one of ${WORKLOADS.join(', ')}`);
  return hit;
});
const CONCURRENCY = count('concurrency', args.concurrency, 30);
const LIMIT_MS = count('time-limit', args['time-limit'], 1500) * 1000;
const PHASE_MS = count('workload-timeout', args['workload-timeout'], args.quick ? 120 : 300) * 1000;
const PROFILING = args['cpu-prof'] || args['cpu-prof-measured'] || !!args['cpu-prof-dir'];
const PROF_DIR = PROFILING ? (args['cpu-prof-dir'] ?? join(tmpdir(), `k8ts-bench-scheduler-prof-${Date.now()}`)) : undefined;
/** --cpu-prof-measured: the children profile the measured phase only (bench/common/measured-profile.ts). */
const MEASURED_ONLY = args['cpu-prof-measured'];
const sizesOf = (w: Workload): Sizes => {
  const base = args.quick ? w.quick : w.sizes;
  return { nodes: count('nodes', args.nodes, base.nodes), initial: count('initial', args.initial, base.initial, 0), measured: count('pods', args.pods, base.measured) };
};

let T0 = performance.now();
const secs = (ms: number): string => (ms / 1000).toFixed(1);
const log = (msg: string): void => void process.stderr.write(`bench [${secs(performance.now() - T0).padStart(6)} s]: ${msg}\n`);
const mib = (b: number): string => (b / 1024 / 1024).toFixed(0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds the whole machine spent busy so far (all cores; /proc/stat), undefined where there is none. */
function machineBusyS(): number | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: busy = all but idle and iowait.
    const busy = f.reduce((a, b) => a + b, 0) - (f[3] ?? 0) - (f[4] ?? 0);
    return busy / 100; // USER_HZ
  } catch {
    return undefined;
  }
}

/** The children of the workload running now, API server first (stopped last). */
let children: Child[] = [];
let phase = 'starting';
let progress = (): string => '';

async function stopAll(graceMs?: number): Promise<void> {
  for (const c of [...children].reverse()) await c.stop(graceMs);
  children = [];
}

/** Polls `done` every 50 ms (progress every 5 s) until it holds or `deadline` (performance.now()) passed; true if done. */
async function until(what: string, done: () => boolean, show: () => string, deadline: number, failed?: () => string | undefined): Promise<boolean> {
  phase = what;
  progress = show;
  let lastLog = performance.now();
  while (!done()) {
    const f = failed?.();
    if (f) throw new Error(`${what}: ${f}`);
    if (performance.now() >= deadline) {
      log(`  TIMEOUT ${what}: ${show()}`);
      return false;
    }
    await sleep(50);
    if (performance.now() - lastLog >= 5000) {
      log(`  … ${show()}`);
      lastLog = performance.now();
    }
  }
  return true;
}

interface Result {
  workload: Workload;
  sizes: Sizes;
  /** Measured pods bound (seen on the watch) and their latencies, ms. */
  bound: number;
  latencies: number[];
  /** first create sent → last bound (or the timeout). */
  windowMs: number;
  timedOut?: string;
  initialBound: number;
  setup: { nodesS: number; initialS: number };
  sched: { before: ProcStats; after: ProcStats };
  api: { before: ProcStats; after: ProcStats };
  driver: { cpuS: number; wallMs: number };
  /** CPU seconds the machine spent outside the API server, the scheduler and this process during the measurement. */
  otherCpuS?: number;
  apiRun: Scrape;
  attempts: Record<string, number>;
  deleted: number;
  nominated: number;
  createFailed: number;
  busy: string[];
  profiles: { name: string; dir: string; file?: string }[];
}

async function runWorkload(w: Workload, sizes: Sizes, hardDeadline: number): Promise<Result> {
  const profiles: { name: string; dir: string; file?: string }[] = [];
  if (PROF_DIR && MEASURED_ONLY) {
    // Read by the children at fork time (they inherit the environment): one directory per workload.
    const dir = join(PROF_DIR, w.name);
    mkdirSync(dir, { recursive: true });
    process.env['K8TS_BENCH_PROFILE_DIR'] = dir;
  }
  const fo = (name: string) => {
    if (!PROF_DIR) return { log };
    if (MEASURED_ONLY) {
      profiles.push({ name: `${name} (measured phase)`, dir: join(PROF_DIR, w.name), file: `${name.slice(w.name.length + 1)}.cpuprofile` });
      return { log };
    }
    profiles.push({ name, dir: join(PROF_DIR, name) });
    return { log, cpuProfDir: PROF_DIR };
  };
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  let transport: ReturnType<typeof httpsTransport> | undefined;
  try {
    phase = `${w.name}: API server`;
    const api = new Child(`${w.name}-apiserver`, new URL('./scheduler/apiserver.ts', import.meta.url), fo(`${w.name}-apiserver`));
    children.push(api);
    const rest = (await api.start({})).rest as RestConfig;
    transport = httpsTransport(rest, { userAgent: 'k8ts-bench/scheduler-driver', maxSockets: CONCURRENCY + 4 });
    const client = new RestClient(transport);
    for (const ns of new Set([w.namespaces.initial, w.namespaces.measured])) {
      await client.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    for (const pc of w.priorityClasses ?? []) {
      await client.create(PRIORITY_CLASSES, '', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: pc.name }, value: pc.value });
    }
    const scheduler = new Child(`${w.name}-scheduler`, new URL('./common/scheduler-child.ts', import.meta.url), fo(`${w.name}-scheduler`));
    children.push(scheduler);
    await scheduler.start({ rest });
    const obs = observePods(client, createLogger({ level: 'warn' }), stop.signal);
    await obs.synced(stop.signal);
    log(`${w.name}: API server pid ${api.pid} (${rest.server}), scheduler pid ${scheduler.pid}`);

    // Nodes, as API objects (scheduler_perf's createNodes).
    const phaseDeadline = () => Math.min(hardDeadline, performance.now() + PHASE_MS);
    let t = performance.now();
    const nodes = await createAll(client, NODES, sizes.nodes, (i) => w.node(i) as unknown as KubeObject, { concurrency: CONCURRENCY });
    if (nodes.failed > 0) throw new Error(`${nodes.failed} node creates failed: ${nodes.firstError}`);
    const nodesS = (performance.now() - t) / 1000;
    log(`${w.name}: ${sizes.nodes} nodes created in ${nodesS.toFixed(1)} s`);

    // Initial pods, scheduled before the measurement.
    t = performance.now();
    const initialKeys = new Set<string>();
    const init = await createAll(client, PODS, sizes.initial, (i) => w.initialPod(i) as unknown as KubeObject, {
      concurrency: CONCURRENCY,
      onSend: (o) => initialKeys.add(`${o.metadata?.namespace}/${o.metadata?.name}`),
    });
    if (init.failed > 0) throw new Error(`${init.failed} initial pod creates failed: ${init.firstError}`);
    const initialBound = (): number => {
      let n = 0;
      for (const k of initialKeys) if (obs.boundAt.has(k)) n++;
      return n;
    };
    await until(`${w.name}: ${sizes.initial} initial pods bound`, () => initialBound() >= sizes.initial, () => `${initialBound()}/${sizes.initial} initial pods bound`, phaseDeadline());
    const initialS = (performance.now() - t) / 1000;
    log(`${w.name}: ${initialBound()}/${sizes.initial} initial pods bound in ${initialS.toFixed(1)} s; settling 2 s`);
    await sleep(2000);

    // The measured pods.
    const busy = otherWork();
    for (const c of children) c.mark();
    const [apiBefore, schedBefore] = await Promise.all([api.stats(), scheduler.stats()]);
    const metricsBefore = await scrape(transport);
    const sentAt = new Map<string, number>();
    const deadline = phaseDeadline();
    const cpu0 = process.cpuUsage();
    const busy0 = machineBusyS();
    const tStart = performance.now();
    const creating = createAll(client, PODS, sizes.measured, (i) => w.measuredPod(i) as unknown as KubeObject, {
      concurrency: CONCURRENCY,
      signal: stop.signal,
      onSend: (o, at) => sentAt.set(`${o.metadata?.namespace}/${o.metadata?.name}`, at),
    });
    let createDone = false;
    let createFailed = 0;
    void creating.then((r) => {
      createDone = true;
      createFailed = r.failed;
      if (r.failed > 0) log(`  ${r.failed} measured pod creates failed: ${r.firstError}`);
    });
    const measuredBound = (): number => {
      let n = 0;
      for (const k of sentAt.keys()) if (obs.boundAt.has(k)) n++;
      return n;
    };
    const done = await until(
      `${w.name}: ${sizes.measured} measured pods bound`,
      () => createDone && measuredBound() >= sizes.measured - createFailed,
      () => `${sentAt.size} sent, ${measuredBound()} bound of ${sizes.measured}; ${obs.deleted()} pods deleted`,
      deadline,
    );
    const [apiAfter, schedAfter] = await Promise.all([api.stats(), scheduler.stats()]);
    const cpu = process.cpuUsage(cpu0);
    const busy1 = machineBusyS();
    const driverWall = performance.now() - tStart;
    const apiRun = scrapeDelta(metricsBefore, await scrape(transport));
    stop.abort(); // the driver (when timed out) and the observer
    await creating;

    const latencies: number[] = [];
    let lastBound = tStart;
    for (const [k, at] of sentAt) {
      const b = obs.boundAt.get(k);
      if (b === undefined) continue;
      latencies.push(b - at);
      lastBound = Math.max(lastBound, b);
    }
    latencies.sort((a, b) => a - b);
    const firstSent = Math.min(tStart, ...sentAt.values());
    const result: Result = {
      workload: w,
      sizes,
      bound: latencies.length,
      latencies,
      windowMs: (done ? lastBound : performance.now()) - firstSent,
      ...(done ? {} : { timedOut: `${latencies.length}/${sizes.measured} bound within ${PHASE_MS / 1000} s` }),
      initialBound: initialBound(),
      setup: { nodesS, initialS },
      sched: { before: schedBefore, after: schedAfter },
      api: { before: apiBefore, after: apiAfter },
      driver: { cpuS: (cpu.user + cpu.system) / 1e6, wallMs: driverWall },
      ...(busy0 !== undefined && busy1 !== undefined
        ? { otherCpuS: Math.max(0, busy1 - busy0 - (cpu.user + cpu.system) / 1e6 - (cpuS(apiAfter) - cpuS(apiBefore)) - (cpuS(schedAfter) - cpuS(schedBefore))) }
        : {}),
      apiRun,
      attempts: Object.fromEntries(Object.entries(schedAfter.extra ?? {}).map(([k, v]) => [k, v - (schedBefore.extra?.[k] ?? 0)])),
      deleted: obs.deleted(),
      nominated: obs.nominated(),
      createFailed,
      busy: [...new Set([...busy, ...otherWork()])],
      profiles,
    };
    log(
      `${w.name}: ${result.bound}/${sizes.measured} measured pods bound; ${((1000 * result.bound) / Math.max(1, result.windowMs)).toFixed(0)} pods/s; ` +
        `p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms`,
    );
    return result;
  } finally {
    stop.abort();
    phase = `${w.name}: stopping`;
    progress = () => '';
    await stopAll();
    transport?.close();
  }
}

// ---- report ----

const cpuS = (s: ProcStats): number => s.cpuUserS + s.cpuSystemS;
const statsWallS = (p: { before: ProcStats; after: ProcStats }): number => (p.after.loopActiveMs + p.after.loopIdleMs - p.before.loopActiveMs - p.before.loopIdleMs) / 1000;

function table(results: readonly Result[]): string {
  const out: string[] = [];
  out.push('| workload | nodes | initial | measured | pods/s | target | p50 ms | p99 ms | scheduler CPU s | scheduler % of a core | scheduler peak RSS MB | API server CPU s | API server % of a core | API server peak RSS MB |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const { sizes: s } = r;
    const rate = (1000 * r.bound) / Math.max(1, r.windowMs);
    const sCpu = cpuS(r.sched.after) - cpuS(r.sched.before);
    const aCpu = cpuS(r.api.after) - cpuS(r.api.before);
    const wall = statsWallS(r.sched);
    const target = r.workload.target ? `≥ ${r.workload.target} ${rate >= r.workload.target ? '✅' : '❌'}` : '–';
    const measured = r.timedOut ? `${s.measured} (**${r.bound} bound**)` : `${s.measured}`;
    out.push(
      `| ${r.workload.name} | ${s.nodes} | ${s.initial}${r.initialBound < s.initial ? ` (${r.initialBound} bound)` : ''} | ${measured} | **${rate.toFixed(0)}** | ${target} | ${quantile(r.latencies, 0.5).toFixed(0)} | ${quantile(r.latencies, 0.99).toFixed(0)} | ` +
        `${sCpu.toFixed(1)} | ${((100 * sCpu) / wall).toFixed(0)} | ${mib(r.sched.after.peakRss)} | ${aCpu.toFixed(1)} | ${((100 * aCpu) / statsWallS(r.api)).toFixed(0)} | ${mib(r.api.after.peakRss)} |`,
    );
  }
  return out.join('\n');
}

const sumWhere = (c: Map<string, number>, pred: (k: string) => boolean): number => [...c].reduce((n, [k, v]) => (pred(k) ? n + v : n), 0);

function notes(results: readonly Result[]): string {
  const out: string[] = [];
  for (const r of results) {
    const runS = r.windowMs / 1000;
    const writes = [...r.apiRun.requests].filter(([k]) => /^(CREATE|POST|UPDATE|PUT|PATCH|DELETE|APPLY)\b/i.test(k)).sort((a, b) => b[1] - a[1]);
    const bindKey = [...r.apiRun.requests.keys()].find((k) => k.endsWith('pods/binding'));
    const bindMean = bindKey ? (1000 * (r.apiRun.seconds.get(bindKey) ?? 0)) / Math.max(1, r.apiRun.observed.get(bindKey) ?? 0) : NaN;
    const loopBusy = (p: { before: ProcStats; after: ProcStats }): number => {
      const a = p.after.loopActiveMs - p.before.loopActiveMs;
      return (100 * a) / (a + p.after.loopIdleMs - p.before.loopIdleMs);
    };
    out.push(
      `- **${r.workload.name}** (${r.workload.describe}): nodes created in ${r.setup.nodesS.toFixed(1)} s, ${r.sizes.initial} initial pods bound in ${r.setup.initialS.toFixed(1)} s; ` +
        `measured window ${runS.toFixed(1)} s (first create sent → last bound)${r.timedOut ? `, **TIMED OUT: ${r.timedOut}**` : ''}; ` +
        `scheduler attempts ${r.attempts['scheduled'] ?? 0} scheduled / ${r.attempts['unschedulable'] ?? 0} unschedulable / ${r.attempts['error'] ?? 0} error, ${r.attempts['connections'] ?? 0} TLS connections opened; ` +
        (r.workload.name === 'Preemption' ? `${r.deleted} victims deleted, ${r.nominated} pods nominated; ` : '') +
        `event loop busy: scheduler ${loopBusy(r.sched).toFixed(0)}%, API server ${loopBusy(r.api).toFixed(0)}%; ` +
        `driver (this process) ${r.driver.cpuS.toFixed(1)} CPU s; ` +
        (r.otherCpuS !== undefined ? `other processes on the machine ${r.otherCpuS.toFixed(1)} CPU s; ` : '') +
        `API writes ${sumWhere(new Map(writes), () => true)} (${(sumWhere(new Map(writes), () => true) / runS).toFixed(0)}/s): ${writes.map(([k, v]) => `${k} ${v}${failures(r.apiRun, k) !== '0' ? ` (failed ${failures(r.apiRun, k)})` : ''}`).join(', ')}; ` +
        `pods/binding mean ${bindMean.toFixed(1)} ms server-side` +
        (r.createFailed ? `; ${r.createFailed} creates failed` : '') +
        (r.busy.length ? `; **other work was running during the measurement: ${r.busy.join(', ')}**` : ''),
    );
  }
  return out.join('\n');
}

async function main(): Promise<number> {
  const plan = SELECTED.map((n) => ({ w: WORKLOAD_BY_NAME[n], sizes: sizesOf(WORKLOAD_BY_NAME[n]) }));
  log(`workloads: ${plan.map((p) => `${p.w.name} ${p.sizes.nodes}/${p.sizes.initial}/${p.sizes.measured}`).join(', ')}; concurrency ${CONCURRENCY}${PROF_DIR ? `; CPU profiles into ${PROF_DIR}` : ''}`);
  let quiet = { waitedMs: 0, stillBusy: [] as string[] };
  if (!args['no-wait']) quiet = await waitForQuiet({ pollMs: 20_000, maxMs: 20 * 60_000, log });
  if (quiet.stillBusy.length) log(`still busy after ${secs(quiet.waitedMs)} s: ${quiet.stillBusy.join(', ')} — measuring anyway`);
  // The time limit counts from here (the wait for a quiet machine is not the benchmark's).
  T0 = performance.now();
  const hardDeadline = T0 + LIMIT_MS - 30_000;
  const limit = setTimeout(() => {
    log(`ABORTED: not finished within ${LIMIT_MS / 1000} s, in phase "${phase}" (${progress()}); stopping the child processes (PIDs ${children.map((c) => c.pid).join(', ')})`);
    const forceExit = setTimeout(() => process.exit(2), 12_000);
    forceExit.unref();
    void stopAll(3000).finally(() => process.exit(2));
  }, LIMIT_MS);
  if (PROF_DIR) mkdirSync(PROF_DIR, { recursive: true });
  const results: Result[] = [];
  try {
    for (const { w, sizes } of plan) {
      if (performance.now() > hardDeadline - 60_000) {
        log(`skipping ${w.name}: less than a minute of the time limit left`);
        continue;
      }
      results.push(await runWorkload(w, sizes, hardDeadline));
    }
  } finally {
    clearTimeout(limit);
  }
  const waited = quiet.waitedMs > 1000 ? `Waited ${secs(quiet.waitedMs)} s for other work to finish first${quiet.stillBusy.length ? ` and gave up (still running: ${quiet.stillBusy.join(', ')})` : ''}.` : '';
  process.stdout.write(`\n${table(results)}\n\n${notes(results)}\n\n`);
  process.stdout.write(
    'pods/s = measured pods bound ÷ (first measured create sent → last one seen bound on the watch); latency per pod = its create sent → the watch event showing spec.nodeName. ' +
      'CPU, % of a core and peak RSS (sampled every 250 ms) cover the measured phase only. ' +
      `Processes: API server (bench/server.ts, SQLite with WAL + synchronous=FULL in $TMPDIR, HTTPS on 127.0.0.1, admin client certificate), scheduler (runScheduler, in-tree plugins, default profile, no leader election), and this process as load driver (${CONCURRENCY} creates in flight) and watcher — all on the same ${(await import('node:os')).cpus().length} cores. ` +
      'Nodes are API objects only, created as scheduler_perf creates them (4 CPU, 32Gi, 110 pods, Ready, kubernetes.io/hostname and zone labels): like scheduler_perf, no kubelet runs behind them, so pods are bound but never started, and preemption victims (grace 0) are deleted by the API server at once. ' +
      `Each workload runs on a fresh API server and scheduler. ${waited}` +
      '\n',
  );
  if (PROF_DIR) {
    for (const r of results) {
      for (const p of r.profiles) {
        const files = readdirSync(p.dir)
          .filter((n) => (p.file ? n === p.file : n.endsWith('.cpuprofile')))
          .map((n) => ({ path: join(p.dir, n), size: statSync(join(p.dir, n)).size }))
          .sort((a, b) => b.size - a.size);
        const span = p.file ? 'measured phase' : 'whole process lifetime';
        if (files[0]) process.stdout.write(`\n#### CPU profile of ${p.name}: ${files[0].path} (${span}, top 30 by self time)\n\n${topFunctions(files[0].path, 30)}\n`);
      }
    }
  }
  return results.some((r) => r.timedOut) ? 3 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (err: unknown) => {
    log(`FAILED in phase "${phase}": ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await stopAll(3000);
    process.exitCode = 1;
  },
);
