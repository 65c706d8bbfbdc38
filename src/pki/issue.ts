/**
 * Issues the three certificates k8ts needs: a self-signed CA, the API serving certificate and client
 * certificates. Validity follows kubeadm: CA 10 years, leaf certificates 1 year.
 */
import { randomBytes } from 'node:crypto';
import * as x509 from './x509.js';
import { crypto, generateKeyPair, privateKeyToPem, type CryptoKey } from './keys.js';
import { sanExtension, type SanSet } from './names.js';

export interface CertKeyPem {
  certPem: string;
  keyPem: string;
}

export interface Issuer {
  cert: x509.X509Certificate;
  key: CryptoKey;
}

const DAY_MS = 24 * 3600 * 1000;
export const CA_DAYS = 3650;
export const LEAF_DAYS = 365;
export const CA_COMMON_NAME = 'k8ts-ca';
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' };

/** Positive 128-bit serial (top bit cleared so DER does not read it as negative). */
function serialNumber(): string {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f;
  return b.toString('hex');
}

function validity(now: Date, days: number): { notBefore: Date; notAfter: Date } {
  // Back-date a little so a client with a slightly slow clock accepts a fresh certificate.
  return { notBefore: new Date(now.getTime() - 5 * 60 * 1000), notAfter: new Date(now.getTime() + days * DAY_MS) };
}

export async function issueCA(now: Date, commonName = CA_COMMON_NAME): Promise<CertKeyPem> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name: [{ CN: [commonName] }],
      keys,
      signingAlgorithm: SIGNING,
      ...validity(now, CA_DAYS),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { certPem: cert.toString('pem'), keyPem: await privateKeyToPem(keys.privateKey) };
}

export interface LeafSpec {
  subject: x509.JsonName;
  usage: x509.ExtendedKeyUsage;
  extra?: x509.Extension[];
}

/** A leaf certificate of any subject and usage, signed by `issuer` (kubelet serving certs use it). */
export const issueLeafWith = (issuer: Issuer, spec: LeafSpec, now: Date): Promise<CertKeyPem> => issueLeaf(issuer, spec, now);

async function issueLeaf(issuer: Issuer, spec: LeafSpec, now: Date): Promise<CertKeyPem> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: spec.subject,
      issuer: issuer.cert.subjectName,
      publicKey: keys.publicKey,
      signingKey: issuer.key,
      signingAlgorithm: SIGNING,
      ...validity(now, LEAF_DAYS),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([spec.usage], false),
        await x509.AuthorityKeyIdentifierExtension.create(issuer.cert.publicKey, false, crypto),
        ...(spec.extra ?? []),
      ],
    },
    crypto,
  );
  return { certPem: cert.toString('pem'), keyPem: await privateKeyToPem(keys.privateKey) };
}

export function issueServing(issuer: Issuer, commonName: string, sans: SanSet, now: Date): Promise<CertKeyPem> {
  return issueLeaf(issuer, { subject: [{ CN: [commonName] }], usage: x509.ExtendedKeyUsage.serverAuth, extra: [sanExtension(sans)] }, now);
}

/** A client certificate: CN is the user name, each O a group (upstream's x509 authenticator mapping). */
export function issueClient(issuer: Issuer, user: string, groups: readonly string[], now: Date): Promise<CertKeyPem> {
  const subject: x509.JsonName = [{ CN: [user] }, ...groups.map((g) => ({ O: [g] }))];
  return issueLeaf(issuer, { subject, usage: x509.ExtendedKeyUsage.clientAuth }, now);
}
