/**
 * The `pod-template-hash` (upstream's ComputeHash + SafeEncodeString): a 32-bit FNV-1a over the template and the
 * deployment's collisionCount, printed in decimal, each digit mapped into an alphabet without vowels (so a hash
 * never spells a word) and without characters that confuse ("0", "1", "3").
 *
 * Upstream hashes a Go-specific dump of the struct; here the input is the template's JSON with keys sorted, so the
 * hash is stable across processes and key orders, though not bit-equal to upstream's.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Keys sorted; undefined and null fields dropped (a template patched back by `rollout undo` carries
 * `creationTimestamp: null`, which must not make it a different template). */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && x !== null).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function fnv1a32(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

export const safeEncode = (s: string): string => [...s].map((c) => ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length]).join('');

/** The hash label value of a template; a collisionCount (when set) is mixed in as 4 little-endian bytes. */
export function computeHash(template: Readonly<PodTemplateSpec> | undefined, collisionCount?: number): string {
  let h = fnv1a32(new TextEncoder().encode(stableJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a32(b, h);
  }
  return safeEncode(String(h));
}
