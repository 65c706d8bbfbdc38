/**
 * What a client needs to reach an API server, resolved from a kubeconfig (as clientcmd does): the server URL, the
 * CA, a client certificate and key or a bearer token, from `*-data` fields or from files (relative paths are
 * relative to the kubeconfig's directory).
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { readKubeconfig } from '../kubeconfig/file.js';
import { fromBase64, type Kubeconfig } from '../kubeconfig/types.js';

export interface RestConfig {
  /** https://host:port[/prefix] (http:// for a plain listener). */
  server: string;
  caPem?: string;
  certPem?: string;
  keyPem?: string;
  token?: string;
  insecureSkipTLSVerify?: boolean;
  tlsServerName?: string;
}

async function pem(data: string | undefined, file: string | undefined, baseDir: string): Promise<string | undefined> {
  if (data) return fromBase64(data);
  if (!file) return undefined;
  return readFile(isAbsolute(file) ? file : resolve(baseDir, file), 'utf8');
}

/** The RestConfig of `context` (default: the current context). */
export async function restConfigFromKubeconfig(cfg: Kubeconfig, o: { context?: string; baseDir?: string } = {}): Promise<RestConfig> {
  const name = o.context ?? cfg['current-context'];
  if (!name) throw new Error('kubeconfig: no context given and no current-context set');
  const ctx = cfg.contexts.find((c) => c.name === name);
  if (!ctx) throw new Error(`kubeconfig: context "${name}" not found`);
  const cluster = cfg.clusters.find((c) => c.name === ctx.context.cluster)?.cluster;
  if (!cluster?.server) throw new Error(`kubeconfig: cluster "${ctx.context.cluster}" of context "${name}" not found or has no server`);
  const user = cfg.users.find((u) => u.name === ctx.context.user)?.user ?? {};
  const base = o.baseDir ?? process.cwd();
  const out: RestConfig = { server: cluster.server };
  const ca = await pem(cluster['certificate-authority-data'], cluster['certificate-authority'], base);
  const cert = await pem(user['client-certificate-data'], user['client-certificate'], base);
  const key = await pem(user['client-key-data'], user['client-key'], base);
  if (ca) out.caPem = ca;
  if (cert) out.certPem = cert;
  if (key) out.keyPem = key;
  if (user.token) out.token = user.token;
  if (cluster['insecure-skip-tls-verify']) out.insecureSkipTLSVerify = true;
  if (cluster['tls-server-name']) out.tlsServerName = cluster['tls-server-name'];
  return out;
}

/** Reads a kubeconfig file and resolves its context. */
export async function loadRestConfig(path: string, context?: string): Promise<RestConfig> {
  const { config, exists } = await readKubeconfig(path);
  if (!exists) throw new Error(`kubeconfig ${path} does not exist`);
  return restConfigFromKubeconfig(config, { baseDir: dirname(path), ...(context ? { context } : {}) });
}
