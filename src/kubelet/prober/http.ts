/**
 * The httpGet probe (upstream's pkg/probe/http): GET scheme://host:port/path with the probe's headers, User-Agent
 * `kube-probe/<major.minor>` and Accept `*\/*` unless the probe sets them. 200–399 is success (a 3xx, e.g. a
 * redirect to another host, is a warning — still a pass); otherwise `HTTP probe failed with statuscode: <code>`.
 */
import type { Container, HTTPGetAction } from 'kubernetes-types/core/v1.js';
import { httpGet } from './http-get.js';
import { joinHostPort, resolvePort } from './port.js';
import { PROBE_USER_AGENT, type ProbeOutcome } from './types.js';

/** The URL of an httpGet action for a container at `podIP` (the action's host wins). */
export function httpGetURL(action: Readonly<HTTPGetAction>, container: Readonly<Container>, podIP: string): URL {
  const scheme = (action.scheme ?? 'HTTP').toLowerCase();
  const host = action.host || podIP;
  const path = action.path ?? '';
  return new URL(`${scheme}://${joinHostPort(host, resolvePort(action.port, container))}${path.startsWith('/') || path === '' ? path : `/${path}`}`);
}

/** The request headers: the action's (repeats kept), then the defaults it does not set. */
export function httpGetHeaders(action: Readonly<HTTPGetAction>, userAgent = PROBE_USER_AGENT): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const h of action.httpHeaders ?? []) {
    const k = h.name.toLowerCase();
    const prev = out[k];
    out[k] = prev === undefined ? h.value : [...(Array.isArray(prev) ? prev : [prev]), h.value];
  }
  out['user-agent'] ??= userAgent;
  out.accept ??= '*/*';
  return out;
}

export async function httpProbe(action: Readonly<HTTPGetAction>, container: Readonly<Container>, podIP: string, signal: AbortSignal): Promise<ProbeOutcome> {
  try {
    const r = await httpGet(httpGetURL(action, container, podIP), httpGetHeaders(action), signal);
    if (r.status >= 200 && r.status < 400) {
      if (r.status >= 300) return { result: 'warning', output: `Probe terminated redirects, Response body: ${r.body}` };
      return { result: 'success', output: r.body };
    }
    return { result: 'failure', output: `HTTP probe failed with statuscode: ${r.status}` };
  } catch (e) {
    return { result: 'failure', output: e instanceof Error ? e.message : String(e) };
  }
}
