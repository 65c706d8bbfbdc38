/** `k8ts up`: the flags, checked and turned into UpOptions; the run itself is in up-run.ts. */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { LOG_LEVELS, levelFromFlags, type LogFormat } from '../src/machinery/log/logger.js';
import { CliError } from './errors.js';
import { DATA_DIR_HELP, parseCount, parseList, parsePort } from './flags.js';
import { defaultDataDir } from './paths.js';
import { isValidNodeName } from './node.js';
import { runUp, type UpOptions } from './up-run.js';

interface UpFlags {
  dataDir?: string;
  port: number;
  bindAddress: string;
  datastore: 'sqlite' | 'etcd';
  etcdEndpoints?: string[];
  etcdCafile?: string;
  etcdCertfile?: string;
  etcdKeyfile?: string;
  mergeKubeconfig: boolean;
  logFormat: LogFormat;
  logLevel?: string;
  v?: number;
  controllers?: boolean;
  scheduler?: boolean;
  hollowNodes?: number;
  node?: boolean;
  nodeName?: string;
  nodeIp?: string;
  containerRuntimeEndpoint?: string;
}

export function upCommand(): Command {
  return new Command('up')
    .description('start a single-node cluster in this process: datastore, API server, control plane and a node (kubelet, containerd)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--port <port>', 'HTTPS port of the API server; 0 picks a free one', parsePort, 6443)
    .option('--bind-address <ip>', 'IP address the API server listens on', '127.0.0.1')
    .addOption(new Option('--datastore <kind>', 'where cluster state is kept').choices(['sqlite', 'etcd']).default('sqlite'))
    .option('--etcd-endpoints <urls>', 'comma-separated etcd client URLs (with --datastore etcd)', parseList)
    .option('--etcd-cafile <file>', 'CA bundle that signed the etcd server certificates')
    .option('--etcd-certfile <file>', 'client certificate for etcd')
    .option('--etcd-keyfile <file>', 'client key for etcd')
    .option('--no-controllers', 'do not run the controller manager (deployments, replicasets, garbage collector …)')
    .option('--no-scheduler', 'do not run the scheduler (pods stay Pending unless another scheduler binds them)')
    .option('--hollow-nodes <n>', 'run N hollow nodes (kubelets on a fake runtime, no containers) in this process', parseCount, 0)
    .option('--no-node', 'run only the control plane: no kubelet, no containerd, no pod network on this machine')
    .option('--node-name <name>', 'name of this machine\'s node (default: the hostname)')
    .option('--node-ip <ip>', 'InternalIP of the node (default: the first non-loopback IPv4 address)')
    .option('--container-runtime-endpoint <url>', 'use this CRI socket (unix:///…) instead of starting a containerd of our own')
    .option('--no-merge-kubeconfig', 'do not add the k8ts context to ~/.kube/config (or the first $KUBECONFIG path)')
    .addOption(new Option('--log-format <format>', 'log line format (logs go to stderr)').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'minimum log level (overrides --v)').choices(LOG_LEVELS as string[]))
    .option('-v, --v <n>', 'klog-style verbosity: 2 debug, 5 trace', parseCount)
    .addHelpText('after', '\nExamples:\n  k8ts up\n  k8ts up --port 0 --data-dir /tmp/k8ts --no-merge-kubeconfig\n  k8ts up --no-node              (control plane only; no root needed)\n  k8ts up --container-runtime-endpoint unix:///run/containerd/containerd.sock\n  k8ts up --datastore etcd --etcd-endpoints https://10.0.0.2:2379 --etcd-cafile ca.pem')
    .action(async (flags: UpFlags) => {
      process.exit(await runUp(toUpOptions(flags)));
    });
}

export function toUpOptions(f: UpFlags): UpOptions {
  if (isIP(f.bindAddress) === 0) throw new CliError(`--bind-address ${f.bindAddress} is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0`);
  return {
    dataDir: resolve(f.dataDir ?? defaultDataDir()),
    port: f.port,
    bindAddress: f.bindAddress,
    datastore: f.datastore,
    ...(f.datastore === 'etcd' ? { etcd: etcdOptions(f) } : rejectEtcdFlags(f)),
    mergeKubeconfig: f.mergeKubeconfig,
    controllers: f.controllers !== false,
    scheduler: f.scheduler !== false,
    hollowNodes: f.hollowNodes ?? 0,
    ...nodeOptions(f),
    logFormat: f.logFormat,
    logLevel: levelFromFlags({ ...(f.v !== undefined ? { v: f.v } : {}), ...(f.logLevel ? { logLevel: f.logLevel } : {}) }),
  };
}

function nodeOptions(f: UpFlags): Pick<UpOptions, 'node'> {
  if (f.node === false) {
    if (f.nodeName || f.nodeIp || f.containerRuntimeEndpoint) throw new CliError('--node-name, --node-ip and --container-runtime-endpoint configure the node; drop them or drop --no-node');
    return { node: undefined };
  }
  if (f.nodeIp !== undefined && isIP(f.nodeIp) !== 4) throw new CliError(`--node-ip ${f.nodeIp} is not an IPv4 address`);
  if (f.nodeName !== undefined && !isValidNodeName(f.nodeName)) {
    throw new CliError(`--node-name ${f.nodeName} is not a valid node name (lowercase letters, digits, '-' and '.')`);
  }
  if (f.containerRuntimeEndpoint !== undefined && !/^unix:\/\/\//.test(f.containerRuntimeEndpoint)) {
    throw new CliError(`--container-runtime-endpoint must be unix:///absolute/path.sock, got ${f.containerRuntimeEndpoint}`);
  }
  return {
    node: {
      ...(f.nodeName ? { name: f.nodeName } : {}),
      ...(f.nodeIp ? { ip: f.nodeIp } : {}),
      ...(f.containerRuntimeEndpoint ? { runtimeEndpoint: f.containerRuntimeEndpoint } : {}),
    },
  };
}

function etcdOptions(f: UpFlags): NonNullable<UpOptions['etcd']> {
  if (!f.etcdEndpoints?.length) throw new CliError('--datastore etcd needs --etcd-endpoints, e.g. --etcd-endpoints https://127.0.0.1:2379');
  const pem = (flag: string, file?: string) => {
    if (!file) return {};
    try {
      return { [flag]: readFileSync(file, 'utf8') };
    } catch (err) {
      throw new CliError(`--etcd-${flag}file ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  };
  if (Boolean(f.etcdCertfile) !== Boolean(f.etcdKeyfile)) throw new CliError('--etcd-certfile and --etcd-keyfile go together; pass both or neither');
  return { endpoints: f.etcdEndpoints, ...pem('ca', f.etcdCafile), ...pem('cert', f.etcdCertfile), ...pem('key', f.etcdKeyfile) };
}

function rejectEtcdFlags(f: UpFlags): Record<string, never> {
  if (f.etcdEndpoints || f.etcdCafile || f.etcdCertfile || f.etcdKeyfile) {
    throw new CliError('--etcd-* flags need --datastore etcd');
  }
  return {};
}
