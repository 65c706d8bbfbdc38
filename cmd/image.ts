/**
 * `k8ts image import <archive…> [--name REF]`: imports image archives (OCI layout or docker-archive tars) into the
 * containerd of the running k8ts on --data-dir, where its kubelet finds them (pods need no registry). Refuses when
 * k8ts (or its containerd) is not running there. For archives to import at every start, use <data-dir>/images.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { containerdLayout } from '../src/kubelet/runtime/containerd/config.js';
import { importImageArchive } from '../src/kubelet/runtime/containerd/images.js';
import { CliError } from './errors.js';
import { DATA_DIR_HELP } from './flags.js';
import { dataPaths, defaultDataDir, tildify } from './paths.js';
import { isK8tsProcess, readPid } from './pidfile.js';

interface ImportFlags {
  dataDir?: string;
  name?: string;
}

export function imageCommand(): Command {
  const image = new Command('image').description('manage the images of the node\'s containerd');
  image
    .command('import')
    .description('import image archives (OCI layout or docker save tars) into the running node\'s containerd')
    .argument('<archive...>', 'tar files')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--name <ref>', 'store the image as this fully-qualified name (for an OCI layout whose index has only a tag, or none)')
    .addHelpText('after', '\nExamples:\n  k8ts image import busybox.tar\n  k8ts image import app-oci.tar --name docker.io/local/app:v1\nArchives in <data-dir>/images are imported at every `k8ts up`.')
    .action(async (archives: string[], flags: ImportFlags) => {
      await runImageImport(archives, { ...flags, dataDir: resolve(flags.dataDir ?? defaultDataDir()) });
    });
  return image;
}

export async function runImageImport(archives: string[], f: ImportFlags & { dataDir: string }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (f.name !== undefined && !/^[^/\s]+\.[^/\s]*\/|^[^/\s]+:\d+\/|^localhost\//.test(f.name)) {
    throw new CliError(`--name ${f.name} is not fully qualified; give the registry too, e.g. docker.io/local/${f.name}`);
  }
  if (f.name !== undefined && archives.length > 1) throw new CliError('--name names one image: import one archive at a time');
  const socket = await runningSocket(f.dataDir);
  for (const archive of archives) {
    if (!existsSync(archive)) throw new CliError(`${archive}: no such file`);
    const names = await importImageArchive(resolve(archive), { socket, ...(f.name ? { name: f.name } : {}) });
    if (names.length === 0) throw new CliError(`${archive} holds no named image; pass --name docker.io/local/NAME:TAG`);
    out.write(`✓ imported ${names.join(', ')}\n`);
  }
}

/** The containerd socket of the k8ts running on dataDir, or an error that says how to start one. */
async function runningSocket(dataDir: string): Promise<string> {
  const pid = await readPid(dataPaths(dataDir).pidFile);
  const socket = containerdLayout(dataPaths(dataDir).containerd).socket;
  if (pid === undefined || !isK8tsProcess(pid)) {
    throw new CliError(`k8ts is not running on ${tildify(dataDir)}; start it with \`k8ts up\` (or put the archive in ${tildify(dataPaths(dataDir).images)} for the next start)`);
  }
  if (!existsSync(socket)) {
    throw new CliError(`k8ts (pid ${pid}) on ${tildify(dataDir)} runs no containerd of its own (--no-node or --container-runtime-endpoint); import into that runtime with its own tools`);
  }
  return socket;
}
