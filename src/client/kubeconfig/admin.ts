/** The kubeconfig `k8ts up` writes to `<data-dir>/kubeconfig`: cluster `k8ts`, user `k8ts-admin`, context `k8ts`. */
import { emptyKubeconfig, toBase64, type Kubeconfig } from './types.js';

export interface AdminKubeconfigOptions {
  /** e.g. https://127.0.0.1:6443 */
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Cluster and context name; default `k8ts`. */
  name?: string;
  /** User entry name; default `k8ts-admin`. */
  user?: string;
}

export function adminKubeconfig(o: AdminKubeconfigOptions): Kubeconfig {
  const name = o.name ?? 'k8ts';
  const user = o.user ?? 'k8ts-admin';
  return {
    ...emptyKubeconfig(),
    clusters: [{ name, cluster: { server: o.server, 'certificate-authority-data': toBase64(o.caPem) } }],
    users: [{ name: user, user: { 'client-certificate-data': toBase64(o.certPem), 'client-key-data': toBase64(o.keyPem) } }],
    contexts: [{ name, context: { cluster: name, user } }],
    'current-context': name,
  };
}

/** `https://<host>:<port>` with IPv6 hosts bracketed; a wildcard bind address is reached on loopback. */
export function serverURL(bindAddress: string, port: number): string {
  const host = bindAddress === '0.0.0.0' ? '127.0.0.1' : bindAddress === '::' ? '::1' : bindAddress;
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
