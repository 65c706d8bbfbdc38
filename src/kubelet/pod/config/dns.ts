/**
 * The pod's DNS configuration handed to the runtime, which writes the container's /etc/resolv.conf from it
 * (upstream's dns.Configurer.GetPodDNS):
 * - ClusterFirst (the default; a hostNetwork pod falls back to Default) and ClusterFirstWithHostNet: the cluster
 *   DNS servers only, searches `<ns>.svc.<domain> svc.<domain> <domain>` then the host's, options `ndots:5`.
 *   Without cluster DNS servers the pod falls back to Default.
 * - Default: the host's resolv.conf; with no host resolv.conf configured, `127.0.0.1` and search `.`.
 * - None: nothing but spec.dnsConfig.
 * spec.dnsConfig is then appended (servers and searches de-duplicated, options merged by name, the pod's value
 * winning) and the result cut to the resolver's limits: 3 servers, 32 searches of at most 253 characters each,
 * 2048 characters of search line.
 */
import type { Pod, PodDNSConfigOption } from 'kubernetes-types/core/v1.js';
import type { DNSConfig } from '../../runtime/interface.js';

export interface DNSSettings {
  /** The cluster DNS servers (e.g. 10.96.0.10); empty: ClusterFirst pods fall back to Default. */
  clusterDNS: readonly string[];
  /** The cluster domain (e.g. cluster.local); empty: no cluster searches. */
  clusterDomain: string;
  /** The host's resolv.conf (parseResolvConf); undefined when the kubelet was given none. */
  hostDNS?: DNSConfig;
}

const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_CHARS = 2048;
const MAX_SEARCH_LENGTH = 253;

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/** Parses resolv.conf text: nameserver lines, the last search line (trailing dots trimmed, `.` dropped), options. */
export function parseResolvConf(text: string): DNSConfig {
  const out: DNSConfig = { servers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const cut = raw.search(/[#;]/);
    const f = (cut === -1 ? raw : raw.slice(0, cut)).trim().split(/\s+/).filter(Boolean);
    if (f[0] === 'nameserver' && f[1]) out.servers.push(f[1]);
    else if (f[0] === 'search') out.searches = f.slice(1).filter((s) => s !== '.').map((s) => s.replace(/\.$/, ''));
    else if (f[0] === 'options') out.options = mergeOptions(out.options, f.slice(1).map(optionOf));
  }
  return out;
}

const optionOf = (s: string): PodDNSConfigOption => {
  const i = s.indexOf(':');
  return i === -1 ? { name: s } : { name: s.slice(0, i), value: s.slice(i + 1) };
};

/** Options by name, a later one replacing an earlier one in place (`ndots:5` + ndots=2 → `ndots:2`). */
function mergeOptions(existing: readonly string[], extra: readonly PodDNSConfigOption[]): string[] {
  const m = new Map<string, string>();
  for (const o of [...existing.map(optionOf), ...extra]) m.set(o.name ?? '', o.value ?? '');
  return [...m].map(([k, v]) => (v ? `${k}:${v}` : k));
}

type DNSType = 'none' | 'cluster' | 'host';

function dnsType(pod: Readonly<Pod>): DNSType {
  switch (pod.spec?.dnsPolicy) {
    case 'None':
      return 'none';
    case 'ClusterFirstWithHostNet':
      return 'cluster';
    case 'Default':
      return 'host';
    default:
      return pod.spec?.hostNetwork ? 'host' : 'cluster';
  }
}

export function podDNSConfig(pod: Readonly<Pod>, s: DNSSettings): DNSConfig {
  const host = s.hostDNS ?? { servers: [], searches: [], options: [] };
  let cfg: DNSConfig = { servers: [...host.servers], searches: [...host.searches], options: [...host.options] };
  let type = dnsType(pod);
  if (type === 'none') cfg = { servers: [], searches: [], options: [] };
  if (type === 'cluster' && s.clusterDNS.length === 0) type = 'host';
  if (type === 'cluster') {
    cfg = { servers: [...s.clusterDNS], searches: clusterSearches(host.searches, pod, s.clusterDomain), options: ['ndots:5'] };
  } else if (type === 'host' && !s.hostDNS) {
    cfg = { servers: ['127.0.0.1'], searches: ['.'], options: [...cfg.options] };
  }
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    cfg.servers = unique([...cfg.servers, ...(extra.nameservers ?? [])]);
    cfg.searches = unique([...cfg.searches, ...(extra.searches ?? [])]);
    cfg.options = mergeOptions(cfg.options, extra.options ?? []);
  }
  return { ...cfg, servers: cfg.servers.slice(0, MAX_NAMESERVERS), searches: fitSearches(cfg.searches) };
}

function clusterSearches(hostSearches: readonly string[], pod: Readonly<Pod>, domain: string): string[] {
  if (!domain) return [...hostSearches];
  return unique([`${pod.metadata?.namespace}.svc.${domain}`, `svc.${domain}`, domain, ...hostSearches]);
}

/** Drops searches past the limits: beyond 32, longer than 253, then from the end until the line fits 2048. */
function fitSearches(searches: readonly string[]): string[] {
  const out = searches.slice(0, MAX_SEARCH_PATHS).filter((x) => x.length <= MAX_SEARCH_LENGTH);
  let len = out.join(' ').length;
  while (len > MAX_SEARCH_CHARS && out.length > 0) len -= out.pop()!.length + 1;
  return out;
}
