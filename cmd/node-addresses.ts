/** The node's addresses for the serving certificate: the bind address plus every non-internal interface address. */
import { networkInterfaces } from 'node:os';

const WILDCARD = new Set(['0.0.0.0', '::']);

export function nodeAddresses(bindAddress: string, ifaces = networkInterfaces()): string[] {
  const out = new Set<string>();
  if (!WILDCARD.has(bindAddress)) out.add(bindAddress);
  for (const list of Object.values(ifaces)) {
    for (const a of list ?? []) {
      if (a.internal || (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:'))) continue;
      out.add(a.address);
    }
  }
  return [...out];
}
