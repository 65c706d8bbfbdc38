/**
 * Host port conflicts (upstream's HostPortInfo.CheckConflict). A port is (ip, protocol, port) with an empty ip
 * meaning 0.0.0.0 and an empty protocol TCP. 0.0.0.0 binds every address, so a wanted 0.0.0.0 port conflicts with
 * the same protocol/port on any ip, and a wanted specific ip conflicts with that ip or with 0.0.0.0.
 */
import { hostPortKey, type HostPortKey, type P } from '../../framework/types.js';

const ALL = '0.0.0.0';

export interface WantedPort {
  /** The NodeInfo.usedPorts key of this exact port. */
  key: HostPortKey;
  /** The same protocol/port bound on every address. */
  allKey: HostPortKey;
  /** `/protocol/port`: the ending of every key with this protocol and port. */
  suffix: string;
  any: boolean;
}

function wanted(ip: string | undefined, protocol: string | undefined, port: number): WantedPort {
  const key = hostPortKey(ip, protocol, port);
  const allKey = hostPortKey(ALL, protocol, port);
  return { key, allKey, suffix: allKey.slice(ALL.length), any: key === allKey };
}

/** The host ports the pod's containers ask for (init containers are not considered, as upstream). */
export function podWantedPorts(pod: P): WantedPort[] {
  const out: WantedPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.hostPort && p.hostPort > 0) out.push(wanted(p.hostIP, p.protocol, p.hostPort));
  }
  return out;
}

export function conflicts(used: ReadonlyMap<HostPortKey, number>, w: WantedPort): boolean {
  if (used.has(w.key) || used.has(w.allKey)) return true;
  if (!w.any) return false;
  for (const k of used.keys()) if (k.endsWith(w.suffix)) return true;
  return false;
}

export const fitsPorts = (want: readonly WantedPort[], used: ReadonlyMap<HostPortKey, number>): boolean =>
  used.size === 0 || !want.some((w) => conflicts(used, w));
