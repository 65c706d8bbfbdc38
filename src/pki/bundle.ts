/**
 * The cluster PKI under `<data-dir>/pki/`: generated at first start, reused afterwards. A leaf certificate is
 * re-issued when it is missing, unreadable, not signed by the current CA, close to expiry, or (serving cert) when
 * its SAN set differs from the wanted one. A new CA re-issues every leaf. Keys are written with mode 0600.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from './x509.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { CA_COMMON_NAME, issueCA, issueClient, issueServing, type CertKeyPem, type Issuer } from './issue.js';
import { crypto, privateKeyFromPem } from './keys.js';
import { certSanKey, sanExtension, sanKey, servingSans } from './names.js';

export type PkiPart = 'ca' | 'apiserver' | 'admin' | 'apiserver-kubelet-client';
export const ADMIN_USER = 'k8ts-admin';
export const ADMIN_GROUPS = ['system:masters'];
export const APISERVER_COMMON_NAME = 'kube-apiserver';
/** The API server's identity towards kubelets (logs, exec, attach, port-forward), as kubeadm's kube-apiserver-kubelet-client. */
export const APISERVER_KUBELET_CLIENT_USER = 'kube-apiserver-kubelet-client';
export const APISERVER_KUBELET_CLIENT_GROUPS = ['system:masters'];
/** Leaf certificates closer than this to expiry are re-issued at start. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

export interface PkiOptions {
  /** `<data-dir>/pki` */
  dir: string;
  hostname: string;
  /** Node addresses to add as IP SANs (besides 127.0.0.1, ::1 and 10.96.0.1). */
  addresses?: readonly string[];
  now?: () => Date;
}

export interface Pki {
  dir: string;
  ca: CertKeyPem;
  apiserver: CertKeyPem;
  admin: CertKeyPem;
  /** Client certificate the API server presents to kubelets (CN kube-apiserver-kubelet-client, O system:masters). */
  apiserverKubeletClient: CertKeyPem;
  /** What this call (re)generated, with why, e.g. `{ part: 'apiserver', reason: 'SANs changed' }`. */
  generated: Array<{ part: PkiPart; reason: string }>;
}

export const pkiFiles = (dir: string, part: PkiPart) => ({ cert: join(dir, `${part}.crt`), key: join(dir, `${part}.key`) });

export async function ensurePki(opts: PkiOptions): Promise<Pki> {
  const now = (opts.now ?? (() => new Date()))();
  await mkdir(opts.dir, { recursive: true, mode: 0o700 });
  const generated: Pki['generated'] = [];
  const record = (part: PkiPart, reason: string) => generated.push({ part, reason });

  let ca = await load(opts.dir, 'ca');
  const caProblem = ca ? await problemWithCA(ca, now) : 'missing';
  if (caProblem) {
    ca = await save(opts.dir, 'ca', await issueCA(now));
    record('ca', caProblem);
  }
  const issuer = await toIssuer(ca!);
  const sans = servingSans(opts.hostname, opts.addresses ?? []);
  const wantSans = sanKey(sanExtension(sans));
  const apiserver = await ensureLeaf(opts.dir, 'apiserver', issuer, now, record, {
    issue: () => issueServing(issuer, APISERVER_COMMON_NAME, sans, now),
    problem: (cert) => (certSanKey(cert) === wantSans ? undefined : 'SANs changed'),
  });
  const admin = await ensureLeaf(opts.dir, 'admin', issuer, now, record, clientPolicy(issuer, now, ADMIN_USER, ADMIN_GROUPS));
  const apiserverKubeletClient = await ensureLeaf(opts.dir, 'apiserver-kubelet-client', issuer, now, record, clientPolicy(issuer, now, APISERVER_KUBELET_CLIENT_USER, APISERVER_KUBELET_CLIENT_GROUPS));
  return { dir: opts.dir, ca: ca!, apiserver, admin, apiserverKubeletClient, generated };
}

function clientPolicy(issuer: Issuer, now: Date, user: string, groups: readonly string[]): LeafPolicy {
  return {
    issue: () => issueClient(issuer, user, groups, now),
    problem: (cert) => (cert.subject === `CN=${user}, ${groups.map((g) => `O=${g}`).join(', ')}` ? undefined : 'subject changed'),
  };
}

interface LeafPolicy {
  issue(): Promise<CertKeyPem>;
  problem(cert: x509.X509Certificate): string | undefined;
}

async function ensureLeaf(
  dir: string,
  part: PkiPart,
  issuer: Issuer,
  now: Date,
  record: (part: PkiPart, reason: string) => void,
  policy: LeafPolicy,
): Promise<CertKeyPem> {
  const existing = await load(dir, part);
  const reason = existing ? await problemWithLeaf(existing, issuer, now, policy) : 'missing';
  if (!reason) return existing!;
  record(part, reason);
  return save(dir, part, await policy.issue());
}

async function problemWithCA(pair: CertKeyPem, now: Date): Promise<string | undefined> {
  try {
    const cert = new x509.X509Certificate(pair.certPem);
    await privateKeyFromPem(pair.keyPem);
    if (cert.notAfter.getTime() <= now.getTime()) return 'expired';
    return cert.subject === `CN=${CA_COMMON_NAME}` ? undefined : 'unexpected subject';
  } catch (err) {
    return `unreadable (${(err as Error).message})`;
  }
}

async function problemWithLeaf(pair: CertKeyPem, issuer: Issuer, now: Date, policy: LeafPolicy): Promise<string | undefined> {
  try {
    const cert = new x509.X509Certificate(pair.certPem);
    await privateKeyFromPem(pair.keyPem);
    const signed = cert.issuer === issuer.cert.subject && (await cert.verify({ publicKey: issuer.cert.publicKey, signatureOnly: true }, crypto));
    if (!signed) return 'not signed by the current CA';
    if (cert.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS) return 'expires soon';
    return policy.problem(cert);
  } catch (err) {
    return `unreadable (${(err as Error).message})`;
  }
}

async function toIssuer(ca: CertKeyPem): Promise<Issuer> {
  return { cert: new x509.X509Certificate(ca.certPem), key: await privateKeyFromPem(ca.keyPem) };
}

async function load(dir: string, part: PkiPart): Promise<CertKeyPem | undefined> {
  const files = pkiFiles(dir, part);
  const [certPem, keyPem] = await Promise.all([readIfExists(files.cert), readIfExists(files.key)]);
  return certPem && keyPem ? { certPem, keyPem } : undefined;
}

async function save(dir: string, part: PkiPart, pair: CertKeyPem): Promise<CertKeyPem> {
  const files = pkiFiles(dir, part);
  await writeFileAtomic(files.key, pair.keyPem, 0o600);
  await writeFileAtomic(files.cert, pair.certPem, 0o644);
  return pair;
}
