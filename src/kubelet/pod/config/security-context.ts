/**
 * A container's CRI Linux security context (upstream's determineEffectiveSecurityContext and
 * convertToRuntimeSecurityContext): runAsUser, runAsGroup and runAsNonRoot from the container, else the pod;
 * privileged, capabilities, readOnlyRootFilesystem and allowPrivilegeEscalation from the container only (noNewPrivs
 * is set only when allowPrivilegeEscalation is explicitly false); the pod's namespaces; fsGroup and
 * supplementalGroups; the default masked and read-only /proc paths.
 *
 * Capabilities are passed as written (`NET_ADMIN`): the CRI's names carry no `CAP_` prefix, the runtime adds it
 * (containerd prefixes every name, so a kubelet-added prefix would become `CAP_CAP_…`).
 *
 * runAsNonRoot is checked against the effective runAsUser only (upstream's verifyRunAsNonRoot): the image's user is
 * not known to the ImageService here, so an image that runs as root without a runAsUser is not caught.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { LinuxContainerSecurityContext } from '../../runtime/interface.js';
import { podNamespaces } from './namespaces.js';
import { podSupplementalGroups } from './sandbox-config.js';
import { configError } from './source.js';

/** The /proc and /sys paths masked in every container unless procMount is Unmasked (as upstream, after moby). */
const DEFAULT_MASKED_PATHS = [
  '/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap',
];
const DEFAULT_READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** `name_namespace(uid)`, as upstream's format.Pod. */
export const formatPod = (pod: Readonly<Pod>): string => `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;

export function containerSecurityContext(pod: Readonly<Pod>, c: Readonly<Container>): LinuxContainerSecurityContext {
  const psc = pod.spec?.securityContext;
  const csc = c.securityContext;
  const out: LinuxContainerSecurityContext = {
    namespaceOptions: podNamespaces(pod),
    privileged: csc?.privileged === true,
    noNewPrivs: csc?.allowPrivilegeEscalation === false,
    // The runtime drops both for privileged containers; an Unmasked procMount asks for none.
    maskedPaths: csc?.procMount === 'Unmasked' ? [] : [...DEFAULT_MASKED_PATHS],
    readonlyPaths: csc?.procMount === 'Unmasked' ? [] : [...DEFAULT_READONLY_PATHS],
  };
  const runAsUser = csc?.runAsUser ?? psc?.runAsUser;
  const runAsGroup = csc?.runAsGroup ?? psc?.runAsGroup;
  if (runAsUser !== undefined) out.runAsUser = runAsUser;
  if (runAsGroup !== undefined) out.runAsGroup = runAsGroup;
  if (csc?.readOnlyRootFilesystem !== undefined) out.readonlyRootfs = csc.readOnlyRootFilesystem;
  if (csc?.capabilities) out.capabilities = { addCapabilities: [...(csc.capabilities.add ?? [])], dropCapabilities: [...(csc.capabilities.drop ?? [])] };
  const groups = podSupplementalGroups(pod);
  if (groups.length > 0) out.supplementalGroups = groups;
  return out;
}

/** Throws CreateContainerConfigError when runAsNonRoot is set and the effective runAsUser is 0. */
export function verifyRunAsNonRoot(pod: Readonly<Pod>, c: Readonly<Container>): void {
  const nonRoot = c.securityContext?.runAsNonRoot ?? pod.spec?.securityContext?.runAsNonRoot;
  const user = c.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser;
  if (nonRoot && user === 0) throw configError(`container's runAsUser breaks non-root policy (pod: "${formatPod(pod)}", container: ${c.name})`);
}
