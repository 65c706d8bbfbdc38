/**
 * `k8ts sim --nodes N`: N hollow nodes (kubelets on the fake runtime, no containers) joined to a running cluster
 * through a kubeconfig — the cluster simulator of issue 3, in its own process.
 */
import { setMaxListeners } from 'node:events';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { loadRestConfig } from '../src/client/rest/rest-config.js';
import { httpsTransport } from '../src/client/rest/https-transport.js';
import { RestClient } from '../src/client/rest/client.js';
import { createLogger } from '../src/machinery/log/logger.js';
import { CliError } from './errors.js';
import { parseCount } from './flags.js';
import { onStopSignals } from './lifecycle.js';
import { dataPaths, defaultDataDir } from './paths.js';
import { startHollowNodes } from './hollow.js';

interface SimFlags {
  nodes: number;
  kubeconfig?: string;
  namePrefix: string;
}

async function runSim(f: SimFlags): Promise<number> {
  if (f.nodes < 1) throw new CliError('--nodes must be at least 1');
  const path = resolve(f.kubeconfig ?? dataPaths(defaultDataDir()).kubeconfig);
  const config = await loadRestConfig(path).catch((err: Error) => {
    throw new CliError(`${err.message}; start a cluster with \`k8ts up\` or pass --kubeconfig`);
  });
  const logger = createLogger({});
  const stop = onStopSignals();
  setMaxListeners(0, stop.signal);
  const transport = httpsTransport(config);
  const started = performance.now();
  const cluster = await startHollowNodes(new RestClient(transport), f.nodes, logger.child({ component: 'hollow-kubelet' }), stop.signal, f.namePrefix);
  process.stdout.write(`✓ ${f.nodes} hollow node(s) registered with ${config.server} (${f.namePrefix}0 … ${f.namePrefix}${f.nodes - 1}) (${Math.round(performance.now() - started)} ms)\n`);
  process.stdout.write('Stop with Ctrl-C. Try: kubectl get nodes\n');
  await stop.stopped;
  cluster.stop();
  transport.close();
  stop.dispose();
  process.stdout.write(`✓ stopped (${stop.reason()}); the Nodes stay in the API until deleted\n`);
  return 0;
}

export function simCommand(): Command {
  return new Command('sim')
    .description('run N hollow nodes (kubelets on a fake runtime, no containers) against a running cluster')
    .option('--nodes <n>', 'how many hollow nodes', parseCount, 10)
    .option('--kubeconfig <file>', 'the cluster to join (default: the kubeconfig of the default data dir)')
    .option('--name-prefix <prefix>', 'node names are <prefix>0 … <prefix>N-1 (use another prefix for a second simulator)', 'hollow-node-')
    .addHelpText('after', '\nExamples:\n  k8ts sim --nodes 100\n  k8ts sim --nodes 1000 --kubeconfig /tmp/k8ts/kubeconfig')
    .action(async (flags: SimFlags) => {
      process.exit(await runSim(flags));
    });
}
