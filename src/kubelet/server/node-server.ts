/**
 * The one call a node makes to serve the kubelet API: issues the kubelet's serving certificate from the cluster CA
 * (node name and addresses as SANs) and starts the server. The caller then reports the port in the Node's
 * status.daemonEndpoints.kubeletEndpoint.Port (NodeConfig.kubeletPort), where the API server looks for it.
 */
import type { CertKeyPem } from '../../pki/issue.js';
import { issueKubeletServing } from '../../pki/kubelet-serving.js';
import { startKubeletServer, type KubeletServer, type KubeletServerOptions } from './server.js';

export interface NodeKubeletServerOptions extends Omit<KubeletServerOptions, 'tls'> {
  /** The cluster CA pair (PEM): signs the serving certificate and verifies clients. */
  ca: CertKeyPem;
  nodeName: string;
  /** The node's addresses (InternalIP first); each becomes a SAN. */
  addresses: readonly string[];
}

export async function startNodeKubeletServer(opts: NodeKubeletServerOptions): Promise<KubeletServer> {
  const { ca, nodeName, addresses, ...rest } = opts;
  const serving = await issueKubeletServing({ ca, nodeName, addresses });
  return startKubeletServer({ ...rest, tls: { cert: serving.certPem, key: serving.keyPem, ca: ca.certPem } });
}
