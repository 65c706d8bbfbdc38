/** The kubelet's version string (nodeInfo.kubeletVersion, User-Agent); a leaf module so anyone may import it. */
export const KUBELET_VERSION = 'v1.33.1-k8ts';
