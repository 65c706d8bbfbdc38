/**
 * `k8ts controller-manager`: the controllers of `k8ts up` as their own process (upstream's kube-controller-manager),
 * joined to a cluster through a kubeconfig, leader-elected on the Lease kube-system/kube-controller-manager so that
 * several can run and one acts, with /healthz and /metrics on its secure port (10257, loopback by default).
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { Registry } from 'prom-client';
import { loadRestConfig } from '../src/client/rest/rest-config.js';
import { httpsTransport } from '../src/client/rest/https-transport.js';
import { RestClient } from '../src/client/rest/client.js';
import { runControllerManager } from '../src/controller/manager.js';
import { CONTROLLERS } from '../src/controller/registry.js';
import { createLogger, LOG_LEVELS, levelFromFlags, type LogFormat } from '../src/machinery/log/logger.js';
import { startComponentServer } from './component-server.js';
import { CliError } from './errors.js';
import { parseCount, parseList, parsePort } from './flags.js';
import { onStopSignals } from './lifecycle.js';
import { dataPaths, defaultDataDir } from './paths.js';

interface ControllerManagerFlags {
  kubeconfig?: string;
  controllers: string[];
  leaderElect: boolean;
  bindAddress: string;
  securePort: number;
  logFormat: LogFormat;
  logLevel?: string;
  v?: number;
}

/**
 * Upstream's --controllers syntax: `*` is every controller, `name` adds one, `-name` removes one; unknown names
 * are an error that lists the known ones.
 */
export function selectControllers(spec: readonly string[], known: readonly string[] = Object.keys(CONTROLLERS)): string[] {
  const unknown = spec.map((s) => s.replace(/^-/, '')).filter((n) => n !== '*' && !known.includes(n));
  if (unknown.length) throw new CliError(`--controllers: unknown controller(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const all = spec.includes('*');
  return known.filter((n) => !spec.includes(`-${n}`) && (all || spec.includes(n)));
}

async function runControllerManagerCommand(f: ControllerManagerFlags): Promise<number> {
  const controllers = selectControllers(f.controllers);
  if (controllers.length === 0) throw new CliError('--controllers selects no controller; use e.g. --controllers "*"');
  const path = resolve(f.kubeconfig ?? dataPaths(defaultDataDir()).kubeconfig);
  const config = await loadRestConfig(path).catch((err: Error) => {
    throw new CliError(`${err.message}; start a cluster with \`k8ts up --no-controllers\` or pass --kubeconfig`);
  });
  const level = levelFromFlags({ ...(f.v !== undefined ? { v: f.v } : {}), ...(f.logLevel ? { logLevel: f.logLevel } : {}) });
  const logger = createLogger({ format: f.logFormat, level });
  const stop = onStopSignals();
  setMaxListeners(0, stop.signal);
  const registry = new Registry();
  const server =
    f.securePort === 0 ? undefined : await startComponentServer({ name: 'kube-controller-manager', host: f.bindAddress, port: f.securePort, registry });
  const transport = httpsTransport(config, { userAgent: 'k8ts-controller-manager' });
  const identity = `${hostname()}_${randomUUID()}`;
  const election = f.leaderElect ? ` (leader election on kube-system/kube-controller-manager as ${identity})` : '';
  process.stdout.write(`✓ ${controllers.length} controller(s) against ${config.server}${election}\n`);
  if (server) process.stdout.write(`✓ /healthz and /metrics on https://${server.address.host}:${server.address.port}\n`);
  process.stdout.write('Stop with Ctrl-C.\n');
  const running = runControllerManager(
    { client: new RestClient(transport), logger: logger.child({ component: 'controller-manager' }), controllers, leaderElect: f.leaderElect, registry, identity },
    stop.signal,
  );
  const failed = await Promise.race([running.then(() => false, (err: unknown) => (logger.error('controller manager failed', { err: String(err) }), true)), stop.stopped.then(() => false)]);
  stop.dispose();
  await running.catch(() => undefined);
  await server?.close();
  transport.close();
  process.stdout.write(failed ? '✗ controller manager failed (see the log above)\n' : `✓ stopped (${stop.reason()})\n`);
  return failed ? 1 : 0;
}

export function controllerManagerCommand(): Command {
  return new Command('controller-manager')
    .description('run the controllers (deployments, replicasets, jobs, garbage collector …) against a running cluster')
    .option('--kubeconfig <file>', 'the cluster to manage (default: the kubeconfig of the default data dir)')
    .option('--controllers <list>', `controllers to run: "*" for all, "name" to add, "-name" to remove (known: ${Object.keys(CONTROLLERS).join(', ')})`, parseList, ['*'])
    .option('--no-leader-elect', 'act at once instead of electing a leader among several controller managers')
    .option('--bind-address <ip>', 'address of the /healthz and /metrics endpoint', '127.0.0.1')
    .option('--secure-port <port>', 'HTTPS port of /healthz and /metrics; 0 disables it', parsePort, 10257)
    .addOption(new Option('--log-format <format>', 'log line format (logs go to stderr)').choices(['text', 'json']).default('text'))
    .addOption(new Option('--log-level <level>', 'minimum log level (overrides --v)').choices(LOG_LEVELS as string[]))
    .option('-v, --v <n>', 'klog-style verbosity: 2 debug, 5 trace', parseCount)
    .addHelpText('after', '\nExamples:\n  k8ts up --no-controllers & k8ts controller-manager\n  k8ts controller-manager --kubeconfig /tmp/k8ts/kubeconfig --controllers "*,-cronjob" --secure-port 0')
    .action(async (flags: ControllerManagerFlags) => {
      process.exit(await runControllerManagerCommand(flags));
    });
}
