/**
 * The kubelet's serving certificate (port 10250), signed by the cluster CA so the API server can verify the
 * kubelet it proxies logs/exec to. Subject as upstream's rotated kubelet serving certs: CN `system:node:<node>`,
 * O `system:nodes`; SANs: the node name (as DNS, or IP when it is one), `localhost`, 127.0.0.1 and the node's
 * addresses. Issued in memory at each start (cheap with ECDSA), so a changed address never leaves a stale SAN.
 */
import { isIP } from 'node:net';
import * as x509 from './x509.js';
import { issueLeafWith, type CertKeyPem } from './issue.js';
import { privateKeyFromPem } from './keys.js';
import { sanExtension, type SanSet } from './names.js';

export interface KubeletServingOptions {
  /** The cluster CA (PEM pair). */
  ca: CertKeyPem;
  nodeName: string;
  /** The node's addresses (InternalIP and others); hostnames go in as DNS SANs. */
  addresses?: readonly string[];
  now?: Date;
}

export function kubeletServingSans(nodeName: string, addresses: readonly string[]): SanSet {
  const all = [nodeName, 'localhost', '127.0.0.1', ...addresses].map((a) => a.trim().toLowerCase()).filter(Boolean);
  const dns = [...new Set(all.filter((a) => isIP(a) === 0))];
  const ips = [...new Set(all.filter((a) => isIP(a) !== 0))];
  return { dns, ips };
}

export async function issueKubeletServing(opts: KubeletServingOptions): Promise<CertKeyPem> {
  const issuer = { cert: new x509.X509Certificate(opts.ca.certPem), key: await privateKeyFromPem(opts.ca.keyPem) };
  const sans = kubeletServingSans(opts.nodeName, opts.addresses ?? []);
  return issueLeafWith(
    issuer,
    {
      subject: [{ CN: [`system:node:${opts.nodeName}`] }, { O: ['system:nodes'] }],
      usage: x509.ExtendedKeyUsage.serverAuth,
      extra: [sanExtension(sans)],
    },
    opts.now ?? new Date(),
  );
}
