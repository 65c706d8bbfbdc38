/**
 * The subject alternative names of the API serving certificate, as upstream kubeadm issues them, and a canonical
 * form to compare a wanted set with the one in an existing certificate.
 */
import { isIP } from 'node:net';
import * as x509 from './x509.js';

export interface SanSet {
  dns: string[];
  ips: string[];
}

/** 10.96.0.1 is the first address of the default service CIDR: the `kubernetes` Service's ClusterIP. */
export const DEFAULT_SERVICE_IP = '10.96.0.1';

export function servingSans(hostname: string, addresses: readonly string[]): SanSet {
  const dns = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
  const host = hostname.trim().toLowerCase();
  if (host && isIP(host) === 0) dns.push(host);
  const ips = ['127.0.0.1', '::1', DEFAULT_SERVICE_IP, ...addresses.filter((a) => isIP(a) !== 0)];
  return { dns: unique(dns), ips: unique(ips) };
}

export function sanExtension(sans: SanSet): x509.SubjectAlternativeNameExtension {
  const names = [...sans.dns.map((value) => ({ type: 'dns' as const, value })), ...sans.ips.map((value) => ({ type: 'ip' as const, value }))];
  return new x509.SubjectAlternativeNameExtension(names, false);
}

/** A sorted, encoding-normalised key for a SAN set (IPv6 spellings compare equal). */
export function sanKey(ext: x509.SubjectAlternativeNameExtension | null): string {
  if (!ext) return '';
  const names = ext.names.toJSON().map((n) => `${n.type}:${n.value.toLowerCase()}`);
  return unique(names).sort().join(',');
}

/** The SAN key of an existing certificate, for comparison with `sanKey(sanExtension(wanted))`. */
export function certSanKey(cert: x509.X509Certificate): string {
  return sanKey(cert.getExtension(x509.SubjectAlternativeNameExtension));
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
