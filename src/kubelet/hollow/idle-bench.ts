/**
 * Measures N hollow nodes in one process against the in-memory StubClient (so only the kubelets' own cost shows):
 * heap and CPU at idle, and API writes per second. Real clock. Usage:
 *   node --expose-gc --import tsx src/kubelet/hollow/idle-bench.ts [nodes=1000] [podsPerNode=10] [idleSeconds=60]
 */
import { realClock } from '../../machinery/clock/clock.js';
import { PODS } from '../status/manager.js';
import { StubClient, stubPodSource } from '../testing/stub-client.js';
import type { PodObject } from '../types.js';
import { startHollowCluster } from './cluster.js';

const [nodes = 1000, podsPerNode = 10, idleSeconds = 60] = process.argv.slice(2).map(Number);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const client = new StubClient(realClock);
  const ac = new AbortController();
  const t0 = performance.now();
  const cluster = await startHollowCluster({ client, clock: realClock, nodes, podSource: stubPodSource(client) }, ac.signal);
  const tReg = performance.now() - t0;
  const tPods = performance.now();
  for (let i = 0; i < nodes * podsPerNode; i++) {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default' }, spec: { nodeName: `hollow-node-${i % nodes}`, containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Pending' } };
    await client.create(PODS, 'default', pod as PodObject);
  }
  const running = () => [...client.objects.values()].filter((o) => (o as PodObject).status?.phase === 'Running').length;
  while (running() < nodes * podsPerNode) await sleep(50);
  const tRun = performance.now() - tPods;
  await sleep(1000);
  const writes0 = client.writes.length;
  client.writes.length = 0;
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await sleep(idleSeconds * 1000);
  const wall = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  gc();
  const heap2 = process.memoryUsage().heapUsed;
  const by = (r: string, sub?: string) => client.writes.filter((w) => w.resource === r && (sub === undefined || w.subresource === sub)).length;
  console.table({
    nodes, pods: nodes * podsPerNode,
    'register all nodes (ms)': Math.round(tReg),
    'create pods → all Running (ms)': Math.round(tRun),
    'writes until idle': writes0,
    'heap before': mb(heap0),
    'heap at idle (after GC)': mb(heap1),
    'heap after idle window': mb(heap2),
    'heap per node': `${((heap1 - heap0) / nodes / 1024).toFixed(1)} KiB`,
    'idle window (s)': wall.toFixed(1),
    'idle CPU (% of one core)': ((100 * (cpu.user + cpu.system)) / 1e6 / wall).toFixed(2),
    'idle writes/s (all)': (client.writes.length / wall).toFixed(1),
    'idle lease writes/s': (by('leases') / wall).toFixed(1),
    'idle node status writes/s': (by('nodes', 'status') / wall).toFixed(2),
    'idle pod status writes/s': (by('pods', 'status') / wall).toFixed(2),
    rss: mb(process.memoryUsage().rss),
  });
  cluster.stop();
  ac.abort();
}

await main();
