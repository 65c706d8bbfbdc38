/**
 * How the API server reaches a pod's kubelet (upstream's kubelet client + node connection info): the node named in
 * spec.nodeName, its address (InternalIP, else ExternalIP, else Hostname — upstream's preferred address types
 * narrowed to what k8ts nodes report) and status.daemonEndpoints.kubeletEndpoint.Port (10250 when unset), over TLS
 * with the cluster CA and the API server's kubelet client certificate.
 */
import { connect, type TLSSocket } from 'node:tls';
import { newBadRequest, newServiceUnavailable, StatusError } from '../../../machinery/errors/status.js';
import { decodeObject } from '../../../apiserver/registry/generic/codec.js';
import type { HandlerServices } from '../../../apiserver/handlers/types.js';
import type { KObject } from '../../../apiserver/registry/resource.js';

export interface KubeletClientConfig {
  /** PEM: the CA that signed the kubelets' serving certificates (the cluster CA). */
  ca: string;
  /** PEM: the API server's client pair towards kubelets (pki `apiserverKubeletClient`). */
  cert: string;
  key: string;
  /** Port when a node reports none; default 10250. */
  defaultPort?: number;
  /** Connect timeout; default 10 s. */
  connectTimeoutMs?: number;
}

export interface KubeletLocation {
  nodeName: string;
  host: string;
  port: number;
}

type Obj = KObject & Record<string, any>;

const PREFERRED = ['InternalIP', 'ExternalIP', 'Hostname'];

export async function kubeletLocation(services: HandlerServices, nodeName: string, defaultPort = 10250): Promise<KubeletLocation> {
  const nodes = services.registryFor('', 'nodes');
  const sv = await nodes?.read('', nodeName);
  if (!sv) throw newBadRequest(`node "${nodeName}" of the pod is not registered`);
  const node = decodeObject<Obj>(sv);
  const addresses: Array<{ type: string; address: string }> = node.status?.addresses ?? [];
  const host = PREFERRED.map((t) => addresses.find((a) => a.type === t)?.address).find(Boolean);
  if (!host) throw newBadRequest(`node "${nodeName}" reports no address to reach its kubelet at`);
  const port = Number(node.status?.daemonEndpoints?.kubeletEndpoint?.Port) || defaultPort;
  return { nodeName, host, port };
}

/** TLS options for an https request or a raw TLS connection to a kubelet. */
export function kubeletTls(cfg: KubeletClientConfig, loc: KubeletLocation) {
  return { host: loc.host, port: loc.port, ca: cfg.ca, cert: cfg.cert, key: cfg.key, ...(isIpLike(loc.host) ? {} : { servername: loc.host }) };
}

const isIpLike = (h: string): boolean => /^[\d.]+$/.test(h) || h.includes(':');

/** A handshaken TLS connection to the kubelet; rejects with 503 when the kubelet cannot be reached. */
export function connectKubelet(cfg: KubeletClientConfig, loc: KubeletLocation): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = connect(kubeletTls(cfg, loc));
    const timer = setTimeout(() => s.destroy(new Error('timed out')), cfg.connectTimeoutMs ?? 10_000);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      s.off('error', fail);
      resolve(s);
    });
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(unreachable(loc, err));
    };
    s.once('error', fail);
  });
}

export function unreachable(loc: KubeletLocation, err: unknown): StatusError {
  return newServiceUnavailable(`the kubelet of node "${loc.nodeName}" at ${loc.host}:${loc.port} cannot be reached: ${(err as Error)?.message ?? String(err)}`);
}

/** 503 for a cluster whose API server was started without a kubelet client (hollow-only, tests). */
export function noKubeletClient(subresource: string): StatusError {
  return newServiceUnavailable(`pods/${subresource} needs the API server's kubelet client certificate, and this API server has none`);
}
