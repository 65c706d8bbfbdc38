/**
 * `k8ts explain-schedule <pod>`: why a pod is Pending — the verdict of every node in the scheduler's last attempt
 * (which plugin rejected it and why), as a table. The scheduler of `k8ts up` keeps the verdicts in memory and the
 * API server serves them read-only at `/debug/k8ts/scheduler/<namespace>/<pod>` (`kubectl get --raw` works too).
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { loadRestConfig } from '../src/client/rest/rest-config.js';
import { httpsTransport } from '../src/client/rest/https-transport.js';
import type { DiagnosisStore, PodDiagnosis } from '../src/scheduler/index.js';
import { CliError } from './errors.js';
import { dataPaths, defaultDataDir } from './paths.js';

/** The debug endpoint's answer for `<namespace>/<pod>`. */
export function explainEndpoint(store: DiagnosisStore, rest: string): PodDiagnosis | undefined {
  const [namespace, name, extra] = rest.split('/');
  return namespace && name && extra === undefined ? store.get(namespace, name) : undefined;
}

/** The table of `explain-schedule`: one row per node, sorted by name, columns aligned as kubectl does. */
export function formatExplanation(d: PodDiagnosis): string {
  const rows = d.groups.flatMap((g) => g.nodes.map((node) => [node, g.code, g.plugin || '-', g.reasons.join(', ') || '-']));
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const table = [['NODE', 'VERDICT', 'PLUGIN', 'REASON'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const lines = table.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('').trimEnd());
  return `Pod ${d.pod}: last attempt ${d.time}\n${d.message}\n\n${lines.join('\n')}\n`;
}

interface ExplainFlags {
  namespace: string;
  kubeconfig?: string;
}

async function runExplain(pod: string, f: ExplainFlags): Promise<number> {
  const path = resolve(f.kubeconfig ?? dataPaths(defaultDataDir()).kubeconfig);
  const config = await loadRestConfig(path).catch((err: Error) => {
    throw new CliError(`${err.message}; start a cluster with \`k8ts up\` or pass --kubeconfig`);
  });
  const transport = httpsTransport(config, { userAgent: 'k8ts-explain-schedule' });
  try {
    const ns = encodeURIComponent(f.namespace);
    const name = encodeURIComponent(pod);
    const r = await transport.request('GET', `/debug/k8ts/scheduler/${ns}/${name}`, { Accept: 'application/json' });
    if (r.status === 200) {
      process.stdout.write(formatExplanation(JSON.parse(r.body.toString()) as PodDiagnosis));
      return 0;
    }
    if (r.status !== 404) throw new CliError(`the API server answered ${r.status}: ${r.body.toString().slice(0, 300)}`);
    const p = await transport.request('GET', `/api/v1/namespaces/${ns}/pods/${name}`, { Accept: 'application/json' });
    if (p.status === 404) throw new CliError(`pod ${f.namespace}/${pod} not found; check the name and pass -n <namespace>`);
    const node = (JSON.parse(p.body.toString()) as { spec?: { nodeName?: string } }).spec?.nodeName;
    if (node) process.stdout.write(`Pod ${f.namespace}/${pod} is scheduled to node ${node}.\n`);
    else process.stdout.write(`No failed scheduling attempt is recorded for pod ${f.namespace}/${pod}: it has not been tried yet, or it is handled by a scheduler outside this k8ts up.\n`);
    return 0;
  } finally {
    transport.close();
  }
}

export function explainScheduleCommand(): Command {
  return new Command('explain-schedule')
    .description("why a pod is Pending: every node's verdict in the scheduler's last attempt (plugin and reason)")
    .argument('<pod>', 'the pod name')
    .option('-n, --namespace <ns>', 'the pod namespace', 'default')
    .option('--kubeconfig <file>', 'the cluster (default: the kubeconfig of the default data dir)')
    .addHelpText('after', '\nExamples:\n  k8ts explain-schedule web-7d9f -n shop\n  kubectl get --raw /debug/k8ts/scheduler/shop/web-7d9f')
    .action(async (pod: string, flags: ExplainFlags) => {
      process.exit(await runExplain(pod, flags));
    });
}
