/**
 * `k8ts controller-manager`: the controllers of `k8ts up` as their own process (upstream's kube-controller-manager),
 * joined to a cluster through a kubeconfig, leader-elected on the Lease kube-system/kube-controller-manager so that
 * several can run and one acts, with /healthz and /metrics on its secure port (10257, loopback by default).
 */
import { Command } from 'commander';
import { runControllerManager } from '../src/controller/manager.js';
import { CONTROLLERS } from '../src/controller/registry.js';
import { addComponentFlags, runComponentProcess, type ComponentFlags } from './component-run.js';
import { CliError } from './errors.js';
import { parseList } from './flags.js';

interface ControllerManagerFlags extends ComponentFlags {
  controllers: string[];
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

function runControllerManagerCommand(f: ControllerManagerFlags): Promise<number> {
  const controllers = selectControllers(f.controllers);
  if (controllers.length === 0) throw new CliError('--controllers selects no controller; use e.g. --controllers "*"');
  return runComponentProcess(f, {
    name: 'kube-controller-manager',
    banner: (identity, server) =>
      `${controllers.length} controller(s) against ${server}${f.leaderElect ? ` (leader election on kube-system/kube-controller-manager as ${identity})` : ''}`,
    run: ({ client, logger, registry, identity, signal }) =>
      runControllerManager({ client, logger, controllers, leaderElect: f.leaderElect, registry, identity }, signal),
  });
}

export function controllerManagerCommand(): Command {
  const cmd = new Command('controller-manager')
    .description('run the controllers (deployments, replicasets, jobs, garbage collector …) against a running cluster')
    .option('--controllers <list>', `controllers to run: "*" for all, "name" to add, "-name" to remove (known: ${Object.keys(CONTROLLERS).join(', ')})`, parseList, ['*']);
  return addComponentFlags(cmd, { what: 'manage', port: 10257 })
    .addHelpText('after', '\nExamples:\n  k8ts up --no-controllers & k8ts controller-manager\n  k8ts controller-manager --kubeconfig /tmp/k8ts/kubeconfig --controllers "*,-cronjob" --secure-port 0')
    .action(async (flags: ControllerManagerFlags) => {
      process.exit(await runControllerManagerCommand(flags));
    });
}
