/**
 * The CRI sandbox configuration of a pod (upstream's generatePodSandboxConfig and generatePodSandboxLinuxConfig):
 * metadata, the pod's labels and annotations (plus the kubelet's pod labels), hostname (none on the host network:
 * the runtime would set the node's), DNS, port mappings, the log directory, and the Linux namespaces and pod-level
 * security context (runAsUser/runAsGroup, fsGroup then supplementalGroups, sysctls, privileged when any container
 * is).
 *
 * Not done here: cgroupParent (the kubelet does not manage a pod cgroup hierarchy yet, so the runtime's default
 * parent is used), seccomp/AppArmor/SELinux profiles, overhead and resources of the pod sandbox.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID, type LinuxPodSandboxConfig, type PodSandboxConfig } from '../../runtime/interface.js';
import { podDNSConfig, type DNSSettings } from './dns.js';
import { kernelHostname, podHostname } from './hostname.js';
import { isHostNetwork, podNamespaces } from './namespaces.js';
import { podLogDirectory } from './paths.js';
import { portMappings } from './ports.js';

export interface SandboxContext {
  dns: DNSSettings;
  podCIDR?: string;
  /** Root of the pods' log directories; undefined (hollow nodes): no logDirectory. */
  podLogsDir?: string;
}

export const podLabels = (pod: Readonly<Pod>): Record<string, string> => ({
  [LABEL_POD_NAME]: pod.metadata!.name!,
  [LABEL_POD_NAMESPACE]: pod.metadata!.namespace!,
  [LABEL_POD_UID]: pod.metadata!.uid!,
});

export function buildSandboxConfig(pod: Readonly<Pod>, attempt: number, ctx: SandboxContext): PodSandboxConfig {
  const m = pod.metadata!;
  const cfg: PodSandboxConfig = {
    metadata: { name: m.name!, uid: m.uid!, namespace: m.namespace!, attempt },
    labels: { ...m.labels, ...podLabels(pod) },
    annotations: { ...m.annotations },
    dnsConfig: podDNSConfig(pod, ctx.dns),
    portMappings: portMappings(pod),
    linux: sandboxLinuxConfig(pod),
  };
  if (!isHostNetwork(pod)) cfg.hostname = kernelHostname(pod, podHostname(pod, ctx.dns.clusterDomain));
  if (ctx.podCIDR) cfg.podCidr = ctx.podCIDR;
  if (ctx.podLogsDir) cfg.logDirectory = podLogDirectory(ctx.podLogsDir, m.namespace!, m.name!, m.uid!);
  return cfg;
}

function sandboxLinuxConfig(pod: Readonly<Pod>): LinuxPodSandboxConfig {
  const sc = pod.spec?.securityContext;
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const security: NonNullable<LinuxPodSandboxConfig['securityContext']> = {
    namespaceOptions: podNamespaces(pod),
    privileged: all.some((c) => c.securityContext?.privileged === true),
  };
  if (sc?.runAsUser !== undefined) security.runAsUser = sc.runAsUser;
  if (sc?.runAsGroup !== undefined) security.runAsGroup = sc.runAsGroup;
  const groups = podSupplementalGroups(pod);
  if (groups.length > 0) security.supplementalGroups = groups;
  const sysctls = Object.fromEntries((sc?.sysctls ?? []).map((s) => [s.name, s.value]));
  return { securityContext: security, sysctls };
}

/** fsGroup first, then spec.securityContext.supplementalGroups (the sandbox's and every container's groups). */
export function podSupplementalGroups(pod: Readonly<Pod>): number[] {
  const sc = pod.spec?.securityContext;
  return [...(sc?.fsGroup !== undefined ? [sc.fsGroup] : []), ...(sc?.supplementalGroups ?? [])];
}
