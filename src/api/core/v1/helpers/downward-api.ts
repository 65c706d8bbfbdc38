/**
 * The downward API's values, shared by environment variables and downwardAPI/projected volumes (upstream's
 * ExtractFieldPathAsString for metadata fields and ExtractContainerResourceValue): labels and annotations as
 * `key="value"` lines in key order (Go's %q), and container resources divided by the divisor and rounded up.
 */
import type { Container, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1.js';
import { Quantity, tryParseQuantity } from '../../../../machinery/quantity/quantity.js';

/** Go's %q for a string: backslash escapes for quotes, backslashes and control characters. */
function goQuote(s: string): string {
  const esc: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  return `"${s.replace(/["\\\u0000-\u001f\u007f]/g, (c) => esc[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/** `k="v"` lines in key order (upstream's FormatMap for metadata.labels / metadata.annotations). */
export const formatMap = (m: Readonly<Record<string, string>> | undefined): string =>
  Object.keys(m ?? {}).sort().map((k) => `${k}=${goQuote(m![k]!)}`).join('\n');

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

/** A `metadata.*` field path's value; undefined for a path that is not a metadata field. */
export function podMetadataFieldValue(fieldPath: string, pod: Readonly<Pod>): string | undefined {
  const m = pod.metadata ?? {};
  switch (fieldPath) {
    case 'metadata.name':
      return m.name ?? '';
    case 'metadata.namespace':
      return m.namespace ?? '';
    case 'metadata.uid':
      return m.uid ?? '';
    case 'metadata.labels':
      return formatMap(m.labels);
    case 'metadata.annotations':
      return formatMap(m.annotations);
  }
  const sub = SUBSCRIPT.exec(fieldPath);
  return sub ? ((sub[1] === 'labels' ? m.labels : m.annotations)?.[sub[2]!] ?? '') : undefined;
}

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/**
 * A resourceFieldRef's value for the container: the quantity divided by the divisor (default 1), rounded up; cpu
 * divides milli values (`250m` with divisor `1m` → 250, with the default → 1), memory and ephemeral-storage whole
 * ones (`1Gi` with divisor `1Mi` → 1024). An unset limit reads the node's allocatable (upstream's
 * defaultPodLimitsForDownwardAPI). Throws for a resource the downward API does not expose.
 */
export function containerResourceValue(ref: Readonly<ResourceFieldSelector>, c: Readonly<Container>, allocatable: Readonly<Record<string, string>>): string {
  const dot = ref.resource.indexOf('.');
  const kind = ref.resource.slice(0, dot);
  const name = ref.resource.slice(dot + 1);
  if (dot < 0 || (kind !== 'limits' && kind !== 'requests') || !RESOURCES.includes(name)) {
    throw new Error(`unsupported container resource : ${ref.resource}`);
  }
  const list = (kind === 'limits' ? c.resources?.limits : c.resources?.requests) as Record<string, string> | undefined;
  const raw = list?.[name] ?? (kind === 'limits' ? allocatable[name] : undefined);
  const q = tryParseQuantity(raw) ?? Quantity.fromInt(0);
  const parsed = tryParseQuantity(ref.divisor);
  const divisor = parsed && !parsed.isZero() ? parsed : Quantity.fromInt(1);
  const [num, den] = name === 'cpu' ? [q.milliValue(), divisor.milliValue()] : [q.value(), divisor.value()];
  return String(Math.ceil(num / den));
}
