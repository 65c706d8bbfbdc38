/** The `k8ts` command line: one program, a subcommand per verb, help everywhere. */
import { Command } from 'commander';
import { controllerManagerCommand } from './controller-manager.js';
import { downCommand } from './down.js';
import { explainScheduleCommand } from './explain-schedule.js';
import { imageCommand } from './image.js';
import { resetCommand } from './reset.js';
import { schedulerCommand } from './scheduler.js';
import { simCommand } from './sim.js';
import { upCommand } from './up.js';
import { k8tsVersion } from './version.js';

export function buildProgram(): Command {
  const version = k8tsVersion();
  const program = new Command('k8ts')
    .description('Kubernetes, written in TypeScript')
    .version(version, '-V, --version', 'print the k8ts version')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true);
  program.addCommand(upCommand());
  program.addCommand(downCommand());
  program.addCommand(resetCommand());
  program.addCommand(imageCommand());
  program.addCommand(simCommand());
  program.addCommand(controllerManagerCommand());
  program.addCommand(schedulerCommand());
  program.addCommand(explainScheduleCommand());
  program
    .command('version')
    .description('print the k8ts version')
    .action(() => void process.stdout.write(`k8ts v${version}\n`));
  program.addHelpText('after', '\nStart with:\n  k8ts up        then  kubectl get nodes\n  k8ts down      stops it; k8ts reset deletes its state');
  return program;
}
