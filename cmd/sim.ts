/**
 * `k8ts sim --nodes N`: N hollow nodes (kubelets on the fake runtime, no containers) joined to a running cluster
 * through a kubeconfig — the cluster simulator of issue 3, in its own process. The nodes register with the labels
 * and taints of upstream's kubelet flags `--node-labels` and `--register-with-taints`, and with `--capacity`.
 */
import { setMaxListeners } from 'node:events';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Taint } from 'kubernetes-types/core/v1.js';
import type { HollowNodeRegistration } from '../src/kubelet/hollow/node.js';
import { Quantity, QuantityError } from '../src/machinery/quantity/quantity.js';
import { isQualifiedName, isValidLabelValue } from '../src/machinery/validation/names.js';
import { loadRestConfig } from '../src/client/rest/rest-config.js';
import { httpsTransport } from '../src/client/rest/https-transport.js';
import { RestClient } from '../src/client/rest/client.js';
import { createLogger } from '../src/machinery/log/logger.js';
import { CliError } from './errors.js';
import { parseCount } from './flags.js';
import { onStopSignals } from './lifecycle.js';
import { dataPaths, defaultDataDir } from './paths.js';
import { startHollowNodes } from './hollow.js';

export interface SimFlags {
  nodes: number;
  kubeconfig?: string;
  namePrefix: string;
  /** Each occurrence of the flag, as given (the flags may be repeated; their lists add up). */
  nodeLabels?: string[];
  registerWithTaints?: string[];
  capacity?: string[];
}

/** The flags checked and parsed; throws a CliError that says what to write instead. */
export function toSimRegistration(f: Pick<SimFlags, 'nodeLabels' | 'registerWithTaints' | 'capacity'>): HollowNodeRegistration {
  const r: HollowNodeRegistration = {};
  if (f.nodeLabels?.length) r.labels = parseNodeLabels(f.nodeLabels);
  if (f.registerWithTaints?.length) r.taints = parseRegisterWithTaints(f.registerWithTaints);
  if (f.capacity?.length) r.capacity = parseCapacity(f.capacity);
  return r;
}

/** `k=v` pairs separated by commas (upstream's mapStringString: keys and values trimmed, empty items skipped). */
function parsePairs(flag: string, values: string[], example: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const value of values) {
    for (const item of value.split(',')) {
      if (item.trim() === '') continue;
      const eq = item.indexOf('=');
      if (eq < 0) throw new CliError(`${flag} ${JSON.stringify(item)}: malformed pair, expect key=value (e.g. ${flag} ${example})`);
      pairs.push([item.slice(0, eq).trim(), item.slice(eq + 1).trim()]);
    }
  }
  return pairs;
}

/** Label keys a kubelet may set in the kubernetes.io and k8s.io namespaces (upstream's kubeletapis.KubeletLabels). */
const KUBELET_LABELS = [
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/instance-type',
  'beta.kubernetes.io/os',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'kubernetes.io/arch',
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
];
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

const labelNamespace = (key: string): string => (key.includes('/') ? key.slice(0, key.indexOf('/')) : '');
const inDomain = (ns: string, domain: string): boolean => ns === domain || ns.endsWith(`.${domain}`);

/** Upstream's IsKubeletLabel: the allowed set, or a prefix in (a subdomain of) an allowed namespace. */
function isKubeletLabel(key: string): boolean {
  const ns = labelNamespace(key);
  return KUBELET_LABELS.includes(key) || KUBELET_LABEL_NAMESPACES.some((allowed) => inDomain(ns, allowed));
}

/** `--node-labels`: validated as upstream's ValidateKubeletFlags (label syntax, and the kubernetes.io rule). */
export function parseNodeLabels(values: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of parsePairs('--node-labels', values, 'disktype=ssd,topology.kubernetes.io/zone=a')) labels[k] = v;
  const unknown = Object.keys(labels)
    .filter((k) => (inDomain(labelNamespace(k), 'kubernetes.io') || inDomain(labelNamespace(k), 'k8s.io')) && !isKubeletLabel(k))
    .sort();
  if (unknown.length) {
    throw new CliError(
      `unknown 'kubernetes.io' or 'k8s.io' labels specified with --node-labels: [${unknown.join(' ')}]; --node-labels in the 'kubernetes.io' ` +
        `namespace must begin with an allowed prefix (${KUBELET_LABEL_NAMESPACES.join(', ')}) or be in the specifically allowed set ` +
        `(${KUBELET_LABELS.join(', ')}); use a key of your own domain (e.g. example.com/role) or set the label with kubectl label node`,
    );
  }
  const invalid: string[] = [];
  for (const [k, v] of Object.entries(labels)) {
    const keyErrs = isQualifiedName(k);
    if (keyErrs.length) invalid.push(`${JSON.stringify(k)}: ${keyErrs.join('; ')}`);
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length) invalid.push(`${JSON.stringify(v)}: ${valueErrs.join('; ')}`);
  }
  if (invalid.length) throw new CliError(`invalid node labels: ${invalid.join('; ')} (give --node-labels key=value,key2=value2)`);
  return labels;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TAINT_FORMAT = 'write key=value:Effect or key:Effect, separated by commas, with Effect one of NoSchedule, PreferNoSchedule, NoExecute';

/**
 * `--register-with-taints`: upstream's taint spec (`<key>=<value>:<effect>`, `<key>:<effect>`), checked as
 * parseTaint does. A bare `<key>` parses upstream but leaves the effect empty, which the API rejects for a Node,
 * so it is refused here; so is the same key and effect twice (the API's Duplicate value).
 */
export function parseRegisterWithTaints(values: string[]): Taint[] {
  const taints: Taint[] = [];
  for (const value of values) {
    for (const spec of value.split(',')) {
      if (spec.trim() === '') continue;
      const parts = spec.split(':');
      if (parts.length !== 2) {
        const why = parts.length === 1 ? 'no effect given' : 'too many colons';
        throw new CliError(`invalid taint spec: ${spec} (${why}); ${TAINT_FORMAT}`);
      }
      const effect = parts[1]!;
      if (!TAINT_EFFECTS.includes(effect)) throw new CliError(`invalid taint effect: ${effect}, unsupported taint effect; ${TAINT_FORMAT}`);
      const kv = parts[0]!.split('=');
      if (kv.length > 2) throw new CliError(`invalid taint spec: ${spec} (more than one '='); ${TAINT_FORMAT}`);
      const [key, value = ''] = kv as [string, string?];
      const valueErrs = isValidLabelValue(value);
      if (valueErrs.length) throw new CliError(`invalid taint spec: ${spec}, ${valueErrs.join('; ')}`);
      const keyErrs = isQualifiedName(key);
      if (keyErrs.length) throw new CliError(`invalid taint spec: ${spec}, ${keyErrs.join('; ')}`);
      if (taints.some((t) => t.key === key && t.effect === effect)) {
        throw new CliError(`--register-with-taints gives the taint ${key}:${effect} twice; a node has at most one taint per key and effect`);
      }
      taints.push(value === '' ? { key, effect } : { key, value, effect });
    }
  }
  return taints;
}

const STANDARD_NODE_RESOURCES = ['cpu', 'memory', 'pods', 'ephemeral-storage'];

/**
 * `--capacity`: resource=quantity pairs merged over the hollow node's default capacity (allocatable equals
 * capacity). Names are standard node resources (cpu, memory, pods, ephemeral-storage, hugepages-<size>) or
 * extended resources with a domain (example.com/gpu); quantities are non-negative, and pods a whole number.
 */
export function parseCapacity(values: string[]): Record<string, string> {
  const capacity: Record<string, string> = {};
  for (const [name, raw] of parsePairs('--capacity', values, 'cpu=2,memory=4Gi,pods=110')) {
    const nameErrs = isQualifiedName(name);
    if (nameErrs.length) throw new CliError(`--capacity: invalid resource name ${JSON.stringify(name)}: ${nameErrs.join('; ')}`);
    if (!name.includes('/') && !STANDARD_NODE_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
      throw new CliError(
        `--capacity: unknown resource ${JSON.stringify(name)}; use one of ${STANDARD_NODE_RESOURCES.join(', ')}, hugepages-<size>, ` +
          'or an extended resource with a domain (e.g. example.com/gpu=4)',
      );
    }
    let q: Quantity;
    try {
      q = Quantity.parse(raw);
    } catch (e) {
      const why = e instanceof QuantityError ? e.message : 'unable to parse quantity';
      throw new CliError(`--capacity ${name}=${raw}: ${why}; write a quantity such as 2, 500m, 4Gi`);
    }
    if (q.sign() < 0) throw new CliError(`--capacity ${name}=${raw}: must be greater than or equal to 0`);
    if (name === 'pods' && !/^\d+$/.test(raw)) throw new CliError(`--capacity pods=${raw}: must be a whole number of pods, e.g. pods=110`);
    capacity[name] = q.toString();
  }
  return capacity;
}

async function runSim(f: SimFlags): Promise<number> {
  if (f.nodes < 1) throw new CliError('--nodes must be at least 1');
  const registration = toSimRegistration(f);
  const path = resolve(f.kubeconfig ?? dataPaths(defaultDataDir()).kubeconfig);
  const config = await loadRestConfig(path).catch((err: Error) => {
    throw new CliError(`${err.message}; start a cluster with \`k8ts up\` or pass --kubeconfig`);
  });
  const logger = createLogger({});
  const stop = onStopSignals();
  setMaxListeners(0, stop.signal);
  const transport = httpsTransport(config);
  const started = performance.now();
  const cluster = await startHollowNodes(new RestClient(transport), f.nodes, logger.child({ component: 'hollow-kubelet' }), stop.signal, f.namePrefix, registration);
  process.stdout.write(`✓ ${f.nodes} hollow node(s) registered with ${config.server} (${f.namePrefix}0 … ${f.namePrefix}${f.nodes - 1}) (${Math.round(performance.now() - started)} ms)\n`);
  process.stdout.write('Stop with Ctrl-C. Try: kubectl get nodes\n');
  await stop.stopped;
  cluster.stop();
  transport.close();
  stop.dispose();
  process.stdout.write(`✓ stopped (${stop.reason()}); the Nodes stay in the API until deleted\n`);
  return 0;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function simCommand(): Command {
  return new Command('sim')
    .description('run N hollow nodes (kubelets on a fake runtime, no containers) against a running cluster')
    .option('--nodes <n>', 'how many hollow nodes', parseCount, 10)
    .option('--kubeconfig <file>', 'the cluster to join (default: the kubeconfig of the default data dir)')
    .option('--name-prefix <prefix>', 'node names are <prefix>0 … <prefix>N-1 (use another prefix for a second simulator)', 'hollow-node-')
    .option('--node-labels <key=value,...>', 'labels to register the nodes with, as the kubelet flag (repeatable)', collect)
    .option('--register-with-taints <key=value:Effect,...>', 'taints to register the nodes with, as the kubelet flag; Effect is NoSchedule, PreferNoSchedule or NoExecute (repeatable)', collect)
    .option('--capacity <resource=quantity,...>', 'node capacity (and allocatable) over the default cpu=8,memory=32Gi,pods=110 (repeatable)', collect)
    .addHelpText(
      'after',
      '\nExamples:\n  k8ts sim --nodes 100\n  k8ts sim --nodes 1000 --kubeconfig /tmp/k8ts/kubeconfig\n' +
        '  k8ts sim --nodes 2 --name-prefix zone-a- --node-labels topology.kubernetes.io/zone=a --capacity cpu=2,memory=4Gi\n' +
        '  k8ts sim --nodes 1 --name-prefix gpu- --register-with-taints dedicated=gpu:NoSchedule --capacity example.com/gpu=4',
    )
    .action(async (flags: SimFlags) => {
      process.exit(await runSim(flags));
    });
}
