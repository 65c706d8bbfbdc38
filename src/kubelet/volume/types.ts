/**
 * The kubelet's per-pod volume manager: its private types. A pod's volumes are set up on the host before its
 * containers are created (setUpPodVolumes), each container's volumeMounts become CRI mounts (mountsFor), and
 * everything created is removed when the pod is gone (tearDownPodVolumes).
 */
import type { Pod, ServiceAccountTokenProjection } from 'kubernetes-types/core/v1.js';
import type { Client } from '../../client/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';

/** One set-up volume of a pod. */
export interface PodVolume {
  name: string;
  /** The upstream plugin name (`kubernetes.io/empty-dir`, `kubernetes.io/host-path` …). */
  plugin: string;
  /** Host path of the volume root: a directory, or for hostPath/PV volumes whatever the path names (file, socket…). */
  path: string;
  /** Every container mount of it is read-only (configMap, secret, downwardAPI, projected; readOnly PVC sources). */
  readOnly: boolean;
  /** What was skipped, for an event (a projected serviceAccountToken without a token source). */
  notes: string[];
}

/** By volume name. */
export type PodVolumes = Map<string, PodVolume>;

/**
 * tmpfs mounts (emptyDir medium Memory, memory-backed secrets) and subPath bind mounts. The real one runs mount(8)/umount(8) and reads
 * /proc/self/mountinfo; tests and hollow nodes may pass a fake.
 */
export interface Mounter {
  /** Whether this process may mount (root); when false a Memory volume fails with a clear error. */
  canMount(): boolean;
  /** Mounts a tmpfs on an existing directory; `sizeBytes` limits it (else the kernel default, half of RAM). */
  mountTmpfs(dir: string, sizeBytes?: number): Promise<void>;
  /** Bind-mounts `source` (a file or a directory) on `target`, which exists and has the same type. */
  bindMount(source: string, target: string): Promise<void>;
  unmount(dir: string): Promise<void>;
  /** Mount points at or below `dir`, deepest first. */
  mountPointsUnder(dir: string): Promise<string[]>;
}

/** A projected service account token for a pod (the kubelet's TokenRequest through serviceaccounts/token). */
export type TokenSource = (pod: Readonly<Pod>, source: Readonly<ServiceAccountTokenProjection>) => Promise<string>;

export interface VolumeDeps {
  /** The kubelet's pods directory (`<root-dir>/pods`): volumes live in `<podsDir>/<uid>/volumes`. */
  podsDir: string;
  /** Reads ConfigMaps, Secrets, PersistentVolumeClaims and PersistentVolumes; required only by volumes that read them. */
  client?: Pick<Client, 'get'>;
  /** Names the atomic writer's timestamped directories; the real clock by default. */
  clock?: Clock;
  /** The node's allocatable: the value of a downward API `limits.*` the container does not set. */
  nodeAllocatable?: Readonly<Record<string, string>>;
  /** Without one, projected serviceAccountToken sources are skipped with a note on the volume. */
  tokenSource?: TokenSource;
  mounter?: Mounter;
  /**
   * Back secret and projected volumes with tmpfs, as upstream does so that secrets never reach a disk. Needs a
   * mounter that can mount (root); off by default so an unprivileged kubelet still serves them from disk.
   */
  memoryBackedSecrets?: boolean;
}

/** A volume that could not be set up: upstream's FailedMount event text, `MountVolume.SetUp failed for volume "v" : …`. */
export class VolumeError extends Error {
  readonly reason = 'FailedMount';
  constructor(
    readonly volume: string,
    readonly detail: string,
  ) {
    super(`MountVolume.SetUp failed for volume "${volume}" : ${detail}`);
    this.name = 'VolumeError';
  }
}

/** Some volumes of a pod could not be set up; the pod's containers must not be created this sync. */
export class PodVolumesError extends Error {
  constructor(readonly errors: VolumeError[]) {
    super(`unable to mount volumes for pod: unmounted volumes=[${errors.map((e) => e.volume).join(' ')}]: ${errors.map((e) => e.message).join('; ')}`);
    this.name = 'PodVolumesError';
  }
}
