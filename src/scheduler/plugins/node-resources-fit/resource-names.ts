/**
 * Resource name classes (upstream's v1helper / schedutil): native resources (no "/" or a kubernetes.io/ prefix),
 * extended resources (domain-prefixed, e.g. example.com/gpu), and the scalar resources the scheduler counts by
 * name (extended, hugepages-*, prefixed native, attachable-volumes-*). Results are cached: there are few names.
 */
import { isQualifiedName } from '../../../machinery/validation/names.js';

const isPrefixedNative = (n: string): boolean => n.includes('kubernetes.io/');
const isNative = (n: string): boolean => !n.includes('/') || isPrefixedNative(n);

const extendedCache = new Map<string, boolean>();

export function isExtendedResourceName(name: string): boolean {
  let v = extendedCache.get(name);
  if (v === undefined) {
    // Quota tracks extended resources as "requests.<name>": the name must make that a qualified name.
    v = !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
    extendedCache.set(name, v);
  }
  return v;
}

export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');

export const isScalarResourceName = (name: string): boolean =>
  isExtendedResourceName(name) || isHugePageResourceName(name) || isPrefixedNative(name) || name.startsWith('attachable-volumes-');
