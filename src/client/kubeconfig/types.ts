/**
 * The kubeconfig file format (k8s.io/client-go/tools/clientcmd/api/v1), the fields k8ts reads and writes. Unknown
 * fields are kept as they are when a file is read, changed and written back.
 */
export interface NamedCluster {
  name: string;
  cluster: {
    server: string;
    'certificate-authority-data'?: string;
    'certificate-authority'?: string;
    'insecure-skip-tls-verify'?: boolean;
    'tls-server-name'?: string;
    [field: string]: unknown;
  };
}

export interface NamedAuthInfo {
  name: string;
  user: {
    'client-certificate-data'?: string;
    'client-key-data'?: string;
    'client-certificate'?: string;
    'client-key'?: string;
    token?: string;
    [field: string]: unknown;
  };
}

export interface NamedContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string; [field: string]: unknown };
}

export interface Kubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: NamedCluster[];
  users: NamedAuthInfo[];
  contexts: NamedContext[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
  [field: string]: unknown;
}

export const emptyKubeconfig = (): Kubeconfig => ({
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [],
  users: [],
  contexts: [],
  preferences: {},
});

/** `*-data` fields are base64 of the PEM text. */
export const toBase64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');
export const fromBase64 = (data: string): string => Buffer.from(data, 'base64').toString('utf8');
