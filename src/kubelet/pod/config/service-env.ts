/**
 * Service-link environment variables (upstream's envvars.FromServices and getServiceEnvVarMap): for every Service
 * with a cluster IP (not headless, not ExternalName) `{SVC}_SERVICE_HOST`, `{SVC}_SERVICE_PORT` (the first port),
 * `{SVC}_SERVICE_PORT_{NAME}` per named port, and the Docker-link ones (`{SVC}_PORT`, and per port
 * `{SVC}_PORT_{port}_{PROTO}` with `_PROTO`, `_PORT`, `_ADDR`). SVC is the name upper-cased with `-` → `_`.
 *
 * Example: service `my-db` 10.96.0.7 port 5432 named `pg` gives MY_DB_SERVICE_HOST=10.96.0.7,
 * MY_DB_SERVICE_PORT=5432, MY_DB_SERVICE_PORT_PG=5432, MY_DB_PORT=tcp://10.96.0.7:5432,
 * MY_DB_PORT_5432_TCP=tcp://10.96.0.7:5432, MY_DB_PORT_5432_TCP_PROTO=tcp, …_PORT=5432, …_ADDR=10.96.0.7.
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import type { PodConfigSource } from './source.js';

/** The master services: their variables are in every pod, even with enableServiceLinks false. */
const MASTER_SERVICES = new Set(['kubernetes']);
const MASTER_NAMESPACE = 'default';

const envName = (s: string): string => s.replace(/-/g, '_').toUpperCase();

const isServiceIPSet = (s: Readonly<Service>): boolean => !!s.spec?.clusterIP && s.spec.clusterIP !== 'None';

/** `host:port`, bracketing IPv6 as Go's net.JoinHostPort does. */
const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** The variables of the services, in the given order of services and upstream's order within one service. */
export function serviceEnvVars(services: readonly Readonly<Service>[]): [string, string][] {
  const out: [string, string][] = [];
  for (const svc of services) {
    const ports = svc.spec?.ports ?? [];
    if (!isServiceIPSet(svc) || ports.length === 0) continue;
    const ip = svc.spec!.clusterIP!;
    const prefix = envName(svc.metadata?.name ?? '');
    out.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(ports[0]!.port)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${joinHostPort(ip, p.port)}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([pp, url], [`${pp}_PROTO`, proto], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
    });
  }
  return out;
}

/**
 * The service variables of a pod in `namespace`: the master services of `default` always, and with
 * enableServiceLinks every service of the pod's namespace (a namespace's own `kubernetes` service wins over the
 * master one). Services are taken in name order so the result is stable.
 */
export async function podServiceEnv(source: PodConfigSource, namespace: string, enableServiceLinks: boolean): Promise<Map<string, string>> {
  const byName = new Map<string, Readonly<Service>>();
  if (namespace !== MASTER_NAMESPACE || !enableServiceLinks) {
    for (const s of await source.services(MASTER_NAMESPACE)) if (MASTER_SERVICES.has(s.metadata?.name ?? '')) byName.set(s.metadata!.name!, s);
  }
  if (enableServiceLinks) for (const s of await source.services(namespace)) byName.set(s.metadata?.name ?? '', s);
  const sorted = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  return new Map(serviceEnvVars(sorted));
}
