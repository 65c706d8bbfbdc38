/**
 * The real machine's facts for a real node's NodeConfig (upstream's cadvisor MachineInfo + the allocatable
 * reservation): cpu = the CPUs this process may run on (os.availableParallelism, which honours the affinity mask),
 * memory = MemTotal of /proc/meminfo, ephemeral-storage = the size of the filesystem holding the kubelet's root
 * directory, pods 110, no huge pages; allocatable per allocatable.ts; machine and boot ids, kernel, OS image and
 * architecture. Reads a few small files once: call it once per real node, never for hollow nodes (they keep their
 * configured fake capacity).
 */
import { readFileSync, statfsSync } from 'node:fs';
import { arch, availableParallelism, release } from 'node:os';
import type { NodeConfig } from '../types.js';
import { allocatableOf } from './allocatable.js';
import { parseMeminfo } from './meminfo.js';
import { DEFAULT_EVICTION_HARD, type EvictionHard } from './thresholds.js';

/** PRETTY_NAME of an os-release file's text. */
export function prettyName(osRelease: string): string | undefined {
  const m = /^PRETTY_NAME=(.*)$/m.exec(osRelease);
  return m ? m[1]!.replace(/^"(.*)"$/, '$1') : undefined;
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', ia32: '386' };

/** Where the facts are read; tests point these at their own files. */
export interface MachinePaths {
  meminfo: string;
  machineID: string;
  bootID: string;
  osRelease: string;
  productUUID: string;
}

export const HOST_PATHS: Readonly<MachinePaths> = Object.freeze({
  meminfo: '/proc/meminfo',
  machineID: '/etc/machine-id',
  bootID: '/proc/sys/kernel/random/boot_id',
  osRelease: '/etc/os-release',
  productUUID: '/sys/class/dmi/id/product_uuid',
});

export interface RealNodeFactsOptions {
  /** The kubelet's root directory (e.g. `<data-dir>`); its filesystem is the node's ephemeral storage. */
  rootDir: string;
  kubeReserved?: Record<string, string>;
  systemReserved?: Record<string, string>;
  /** Default DEFAULT_EVICTION_HARD. */
  evictionHard?: EvictionHard;
  /** Default 110, as upstream's --max-pods. */
  maxPods?: number;
  paths?: Partial<MachinePaths>;
}

const readTrimmed = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

export function machineCapacity(o: RealNodeFactsOptions): Record<string, string> {
  const paths = { ...HOST_PATHS, ...o.paths };
  const memTotal = parseMeminfo(readTrimmed(paths.meminfo) ?? '')['MemTotal'];
  if (!memTotal) throw new Error(`cannot read MemTotal from ${paths.meminfo}`);
  const capacity: Record<string, string> = {
    cpu: String(availableParallelism()),
    memory: `${Math.floor(memTotal / 1024)}Ki`,
    pods: String(o.maxPods ?? 110),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
  };
  const fs = statfsSync(o.rootDir);
  capacity['ephemeral-storage'] = `${Math.floor((fs.blocks * fs.bsize) / 1024)}Ki`;
  return capacity;
}

/** The real node's facts; throws when memory or the root directory's filesystem cannot be read. */
export function realNodeFacts(o: RealNodeFactsOptions): Partial<Omit<NodeConfig, 'name'>> {
  const paths = { ...HOST_PATHS, ...o.paths };
  const capacity = machineCapacity(o);
  const allocatable = allocatableOf(capacity, {
    kubeReserved: o.kubeReserved,
    systemReserved: o.systemReserved,
    evictionHard: o.evictionHard ?? DEFAULT_EVICTION_HARD,
  });
  const machineID = readTrimmed(paths.machineID);
  const bootID = readTrimmed(paths.bootID);
  // Without DMI (most VMs' containers) upstream reports an empty systemUUID; the machine id is the stable stand-in.
  const systemUUID = readTrimmed(paths.productUUID) ?? (machineID ? uuidOf(machineID) : undefined);
  return {
    capacity,
    allocatable,
    osImage: prettyName(readTrimmed(paths.osRelease) ?? '') ?? 'Linux',
    kernelVersion: release(),
    architecture: GO_ARCH[arch()] ?? arch(),
    ...(machineID ? { machineID } : {}),
    ...(bootID ? { bootID } : {}),
    ...(systemUUID ? { systemUUID } : {}),
  };
}

const uuidOf = (hex: string): string =>
  /^[0-9a-f]{32}$/.test(hex) ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : hex;
