/**
 * The real machine's facts for the Node object (upstream's cadvisor MachineInfo + node info): CPU count, memory,
 * the data directory's filesystem size, OS image, kernel, architecture, machine and boot ids.
 */
import { readFileSync, statfsSync } from 'node:fs';
import { arch, cpus, release, totalmem } from 'node:os';
import type { NodeConfig } from '../types.js';

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', ia32: '386' };

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** PRETTY_NAME of an os-release file's text. */
export function prettyName(osRelease: string): string | undefined {
  const m = /^PRETTY_NAME=(.*)$/m.exec(osRelease);
  return m ? m[1]!.replace(/^"(.*)"$/, '$1') : undefined;
}

/** `storageDir`: the directory whose filesystem backs containers and images (ephemeral-storage capacity). */
export function machineNodeConfig(storageDir: string): Partial<Omit<NodeConfig, 'name'>> {
  const ki = Math.floor(totalmem() / 1024);
  const capacity: Record<string, string> = { cpu: String(cpus().length), memory: `${ki}Ki`, pods: '110', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' };
  try {
    const fs = statfsSync(storageDir);
    capacity['ephemeral-storage'] = `${Math.floor((fs.blocks * fs.bsize) / 1024)}Ki`;
  } catch {
    // unknown: left out, as upstream does when it cannot stat the root filesystem
  }
  const machineID = readTrimmed('/etc/machine-id');
  const bootID = readTrimmed('/proc/sys/kernel/random/boot_id');
  return {
    capacity,
    osImage: prettyName(readTrimmed('/etc/os-release') ?? '') ?? 'Linux',
    kernelVersion: release(),
    architecture: GO_ARCH[arch()] ?? arch(),
    ...(machineID ? { machineID } : {}),
    ...(bootID ? { bootID } : {}),
  };
}
