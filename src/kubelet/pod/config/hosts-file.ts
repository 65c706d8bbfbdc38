/**
 * The kubelet-managed /etc/hosts of a pod (upstream's managedHostsFileContent and nodeHostsFileContent); containerd
 * would otherwise copy the node's file and hostAliases would be lost. Off the host network: localhost lines, one
 * line per pod IP with the hostname (the FQDN first when the pod has a subdomain), then the hostAliases. On the host
 * network: the node's file under its own header, then the hostAliases.
 */
import type { HostAlias } from 'kubernetes-types/core/v1.js';

export function managedHostsFile(podIPs: readonly string[], hostname: string, domain: string, aliases: readonly HostAlias[] = []): string {
  let out =
    '# Kubernetes-managed hosts file.\n' +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs) out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + aliasEntries(aliases);
}

export function hostNetworkHostsFile(nodeHosts: string, aliases: readonly HostAlias[] = []): string {
  return `# Kubernetes-managed hosts file (host network).\n${nodeHosts}${aliasEntries(aliases)}`;
}

function aliasEntries(aliases: readonly HostAlias[]): string {
  if (aliases.length === 0) return '';
  return `\n# Entries added by HostAliases.\n${aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`).join('')}`;
}
