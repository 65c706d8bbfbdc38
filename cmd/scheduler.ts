/**
 * `k8ts scheduler`: the scheduler of `k8ts up` as its own process (upstream's kube-scheduler), configured by a
 * KubeSchedulerConfiguration file (profiles, plugins, weights, args), leader-elected on kube-system/kube-scheduler,
 * with /healthz and /metrics on its secure port (10259, loopback by default).
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { loadConfigurationFile, runScheduler, type KubeSchedulerConfiguration } from '../src/scheduler/index.js';
import { IN_TREE_REGISTRY } from '../src/scheduler/plugins/registry.js';
import { addComponentFlags, runComponentProcess, type ComponentFlags } from './component-run.js';
import { CliError } from './errors.js';

interface SchedulerFlags extends ComponentFlags {
  config?: string;
}

async function runSchedulerCommand(f: SchedulerFlags): Promise<number> {
  let config: KubeSchedulerConfiguration | undefined;
  if (f.config) {
    config = await loadConfigurationFile(resolve(f.config)).catch((err: Error) => {
      throw new CliError(`--config ${f.config}: ${err.message}`);
    });
  }
  const profiles = config?.profiles.map((p) => p.schedulerName).join(', ') ?? 'default-scheduler';
  return runComponentProcess(f, {
    name: 'kube-scheduler',
    banner: (identity, server) => `scheduler (profiles: ${profiles}) against ${server}${f.leaderElect ? ` (leader election on kube-system/kube-scheduler as ${identity})` : ''}`,
    run: ({ client, logger, registry, identity, signal }) =>
      runScheduler({ client, logger, registry: IN_TREE_REGISTRY, ...(config ? { config } : {}), leaderElect: f.leaderElect, identity, metricsRegistry: registry }, signal),
  });
}

export function schedulerCommand(): Command {
  const cmd = new Command('scheduler')
    .description('run the scheduler (binds pending pods to nodes) against a running cluster')
    .option('--config <file>', 'a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) YAML file; default: the upstream defaults');
  return addComponentFlags(cmd, { what: 'schedule for', port: 10259 })
    .addHelpText('after', '\nExamples:\n  k8ts up --no-scheduler & k8ts scheduler\n  k8ts scheduler --config sched.yaml --secure-port 0')
    .action(async (flags: SchedulerFlags) => {
      process.exit(await runSchedulerCommand(flags));
    });
}
