/**
 * Downward API values for environment variables (upstream's podFieldSelectorRuntimeValue,
 * ExtractFieldPathAsString and ExtractContainerResourceValue).
 */
import type { Container, ObjectFieldSelector, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1.js';
import { Quantity, tryParseQuantity } from '../../../machinery/quantity/quantity.js';
import { configError } from './source.js';

export interface PodNetworkFacts {
  /** The node's IPs, primary first. */
  hostIPs: readonly string[];
  /** The pod's IPs from its sandbox, primary first (empty for a pod whose sandbox has no IP yet). */
  podIPs: readonly string[];
}

/** Go's %q for the ASCII text labels and annotations hold. */
const quote = (s: string): string => JSON.stringify(s);

/** `k="v"` lines in key order (upstream's FormatMap for metadata.labels / metadata.annotations). */
const formatMap = (m: Record<string, string> | undefined): string =>
  Object.keys(m ?? {}).sort().map((k) => `${k}=${quote(m![k]!)}`).join('\n');

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

export function fieldRefValue(ref: ObjectFieldSelector, pod: Readonly<Pod>, net: PodNetworkFacts): string {
  const m = pod.metadata ?? {};
  switch (ref.fieldPath) {
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return net.hostIPs[0] ?? '';
    case 'status.hostIPs':
      return net.hostIPs.join(',');
    case 'status.podIP':
      return net.podIPs[0] ?? '';
    case 'status.podIPs':
      return net.podIPs.join(',');
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
  const sub = SUBSCRIPT.exec(ref.fieldPath);
  if (sub) return (sub[1] === 'labels' ? m.labels : m.annotations)?.[sub[2]!] ?? '';
  throw configError(`unsupported fieldPath: ${ref.fieldPath}`);
}

const DEFAULTED_LIMITS = ['cpu', 'memory', 'ephemeral-storage'];

/**
 * The container's resources with unset cpu/memory/ephemeral-storage limits set to the node's allocatable
 * (upstream's defaultPodLimitsForDownwardAPI): what `limits.*` reads when the container has no limit.
 */
export function limitsWithAllocatable(c: Readonly<Container>, allocatable: Readonly<Record<string, string>>): Record<string, string> {
  const limits: Record<string, string> = { ...(c.resources?.limits as Record<string, string> | undefined) };
  for (const r of DEFAULTED_LIMITS) if (limits[r] === undefined && allocatable[r] !== undefined) limits[r] = allocatable[r]!;
  return limits;
}

/**
 * The value of a resourceFieldRef: the quantity divided by the divisor (default 1), rounded up. cpu divides milli
 * values (`250m` with divisor `1m` → 250, with the default divisor → 1); memory and ephemeral-storage divide whole
 * values (`1Gi` with divisor `1Mi` → 1024).
 */
export function resourceFieldRefValue(ref: ResourceFieldSelector, c: Readonly<Container>, allocatable: Readonly<Record<string, string>>): string {
  const dot = ref.resource.indexOf('.');
  const kind = ref.resource.slice(0, dot);
  const name = ref.resource.slice(dot + 1);
  if ((kind !== 'limits' && kind !== 'requests') || !['cpu', 'memory', 'ephemeral-storage'].includes(name)) {
    throw configError(`unsupported container resource : ${ref.resource}`);
  }
  const list = kind === 'limits' ? limitsWithAllocatable(c, allocatable) : (c.resources?.requests as Record<string, string> | undefined);
  const q = tryParseQuantity(list?.[name]) ?? Quantity.fromInt(0);
  const parsed = tryParseQuantity(ref.divisor);
  const divisor = parsed && !parsed.isZero() ? parsed : Quantity.fromInt(1);
  const [num, den] = name === 'cpu' ? [q.milliValue(), divisor.milliValue()] : [q.value(), divisor.value()];
  return String(Math.ceil(num / den));
}
