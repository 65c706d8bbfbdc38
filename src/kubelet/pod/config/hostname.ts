/**
 * The pod's hostname and domain (upstream's GeneratePodHostNameAndDomain and GetNodenameForKernel): the hostname
 * is spec.hostname or the pod's name, cut to 63 characters (and then of trailing `-` and `.`); the domain is
 * `<subdomain>.<ns>.svc.<clusterDomain>` when spec.subdomain is set. With setHostnameAsFQDN the kernel hostname
 * is the FQDN, at most 64 characters.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { configError } from './source.js';

const MAX_HOSTNAME = 63;
const MAX_KERNEL_HOSTNAME = 64;

export interface PodHostname {
  hostname: string;
  /** Empty without spec.subdomain. */
  domain: string;
}

export function podHostname(pod: Readonly<Pod>, clusterDomain: string): PodHostname {
  const name = pod.metadata?.name ?? '';
  const wanted = pod.spec?.hostname || name;
  let hostname = wanted;
  if (hostname.length > MAX_HOSTNAME) {
    hostname = hostname.slice(0, MAX_HOSTNAME).replace(/[-.]+$/, '');
    if (!hostname) throw configError(`hostname for pod "${name}" was invalid: "${wanted}"`);
  }
  const sub = pod.spec?.subdomain;
  return { hostname, domain: sub ? `${sub}.${pod.metadata?.namespace}.svc.${clusterDomain}` : '' };
}

/** The hostname the sandbox gets: the FQDN with setHostnameAsFQDN and a domain, else the short name. */
export function kernelHostname(pod: Readonly<Pod>, h: PodHostname): string {
  if (!pod.spec?.setHostnameAsFQDN || !h.domain) return h.hostname;
  const fqdn = `${h.hostname}.${h.domain}`;
  if (fqdn.length > MAX_KERNEL_HOSTNAME) {
    throw configError(`failed to construct FQDN from pod hostname and cluster domain, FQDN ${fqdn} is too long (${MAX_KERNEL_HOSTNAME} characters is the max, ${fqdn.length} characters requested)`);
  }
  return fqdn;
}
