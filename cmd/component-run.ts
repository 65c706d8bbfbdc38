/**
 * What the standalone components (`k8ts controller-manager`, `k8ts scheduler`) share: the kubeconfig, logging and
 * secure-port flags, a client to the cluster, an identity for leader election, the /healthz and /metrics endpoint,
 * and an orderly stop on SIGINT/SIGTERM. Exit code 0 after a stop, 1 when the component failed.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { Registry } from 'prom-client';
import type { Client } from '../src/client/interface.js';
import { loadRestConfig } from '../src/client/rest/rest-config.js';
import { httpsTransport } from '../src/client/rest/https-transport.js';
import { RestClient } from '../src/client/rest/client.js';
import { createLogger, LOG_LEVELS, levelFromFlags, type LogFormat, type Logger } from '../src/machinery/log/logger.js';
import { startComponentServer } from './component-server.js';
import { CliError } from './errors.js';
import { parseCount, parsePort } from './flags.js';
import { onStopSignals } from './lifecycle.js';
import { dataPaths, defaultDataDir } from './paths.js';

export interface ComponentFlags {
  kubeconfig?: string;
  leaderElect: boolean;
  bindAddress: string;
  securePort: number;
  logFormat: LogFormat;
  logLevel?: string;
  v?: number;
}

export function addComponentFlags(cmd: Command, o: { what: string; port: number }): Command {
  return cmd
    .option('--kubeconfig <file>', `the cluster to ${o.what} (default: the kubeconfig of the default data dir)`)
    .option('--no-leader-elect', 'act at once instead of electing a leader among several instances')
    .option('--bind-address <ip>', 'address of the /healthz and /metrics endpoint', '127.0.0.1')
    .option('--secure-port <port>', 'HTTPS port of /healthz and /metrics; 0 disables it', parsePort, o.port)
    .addOption(new Option('--log-format <format>', 'log line format (logs go to stderr)').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'minimum log level (overrides --v)').choices(LOG_LEVELS as string[]))
    .option('-v, --v <n>', 'klog-style verbosity: 2 debug, 5 trace', parseCount);
}

export interface ComponentRun {
  client: Client;
  logger: Logger;
  registry: Registry;
  /** `<hostname>_<uuid>`, the Lease holder identity. */
  identity: string;
  signal: AbortSignal;
}

export interface ComponentSpec {
  /** kube-controller-manager, kube-scheduler: names the certificate and the user agent. */
  name: string;
  /** The first line printed once running (e.g. what it runs and its leader election). */
  banner(identity: string, server: string): string;
  run(r: ComponentRun): Promise<void>;
}

export async function runComponentProcess(f: ComponentFlags, spec: ComponentSpec): Promise<number> {
  const path = resolve(f.kubeconfig ?? dataPaths(defaultDataDir()).kubeconfig);
  const config = await loadRestConfig(path).catch((err: Error) => {
    throw new CliError(`${err.message}; start a cluster with \`k8ts up\` or pass --kubeconfig`);
  });
  const level = levelFromFlags({ ...(f.v !== undefined ? { v: f.v } : {}), ...(f.logLevel ? { logLevel: f.logLevel } : {}) });
  const logger = createLogger({ format: f.logFormat, level }).child({ component: spec.name });
  const stop = onStopSignals();
  setMaxListeners(0, stop.signal);
  const registry = new Registry();
  const server = f.securePort === 0 ? undefined : await startComponentServer({ name: spec.name, host: f.bindAddress, port: f.securePort, registry });
  const transport = httpsTransport(config, { userAgent: `k8ts-${spec.name}` });
  const identity = `${hostname()}_${randomUUID()}`;
  process.stdout.write(`✓ ${spec.banner(identity, config.server)}\n`);
  if (server) process.stdout.write(`✓ /healthz and /metrics on https://${server.address.host}:${server.address.port}\n`);
  process.stdout.write('Stop with Ctrl-C.\n');
  const running = spec.run({ client: new RestClient(transport), logger, registry, identity, signal: stop.signal });
  const failed = await Promise.race([
    running.then(
      () => false,
      (err: unknown) => (logger.error(`${spec.name} failed`, { err: String(err) }), true),
    ),
    stop.stopped.then(() => false),
  ]);
  stop.dispose();
  await running.catch(() => undefined);
  await server?.close();
  transport.close();
  process.stdout.write(failed ? `✗ ${spec.name} failed (see the log above)\n` : `✓ stopped (${stop.reason() || 'done'})\n`);
  return failed ? 1 : 0;
}
