/**
 * A throwaway serving certificate for a component's own HTTPS port (as kube-controller-manager and kube-scheduler do
 * when no --tls-cert-file is given): a fresh CA `<name>-ca@<unix seconds>` and a leaf for localhost/127.0.0.1/::1
 * signed by it, kept only in memory.
 */
import { issueCA, issueServing, type CertKeyPem } from './issue.js';
import { privateKeyFromPem } from './keys.js';
import * as x509 from './x509.js';

export async function selfSignedServing(name: string, now = new Date()): Promise<CertKeyPem & { caPem: string }> {
  const ca = await issueCA(now, `${name}-ca@${Math.floor(now.getTime() / 1000)}`);
  const issuer = { cert: new x509.X509Certificate(ca.certPem), key: await privateKeyFromPem(ca.keyPem) };
  const leaf = await issueServing(issuer, `localhost@${Math.floor(now.getTime() / 1000)}`, { dns: ['localhost'], ips: ['127.0.0.1', '::1'] }, now);
  return { ...leaf, caPem: ca.certPem };
}
