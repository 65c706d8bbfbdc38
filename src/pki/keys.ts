/**
 * ECDSA P-256 key pairs through Node's WebCrypto, stored as PKCS#8 PEM ("PRIVATE KEY"), which Node's tls, Go's
 * crypto/tls (kubectl) and openssl all read.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from './x509.js';

export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

export const subtle = webcrypto.subtle;
/** The WebCrypto provider handed to @peculiar/x509 (its types name the DOM `Crypto`). */
export const crypto = webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0];
x509.cryptoProvider.set(crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return subtle.generateKey(ALG, true, ['sign', 'verify']);
}

export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** Imports a PKCS#8 PEM private key for signing; throws on anything else. */
export async function privateKeyFromPem(pem: string): Promise<CryptoKey> {
  const [der] = x509.PemConverter.decode(pem);
  if (!der) throw new Error('no PEM block in private key');
  return subtle.importKey('pkcs8', der, ALG, true, ['sign']);
}
