/**
 * The payload of a downwardAPI volume or projected source (upstream's CollectData): one file per item, holding a
 * pod field (metadata.name, namespace, uid, labels, annotations and one label or annotation by key; labels and
 * annotations as `key="value"` lines in key order) or a container resource (`limits.*` / `requests.*` of cpu,
 * memory, ephemeral-storage, divided by the divisor and rounded up; an unset limit reads the node's allocatable).
 */
import type { Container, DownwardAPIVolumeFile, ObjectFieldSelector, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1.js';
import { Quantity, tryParseQuantity } from '../../machinery/quantity/quantity.js';
import type { Payload } from './atomic-writer.js';
import { DEFAULT_MODE } from './keyed-payload.js';

/** Go's %q for a string: backslash escapes for quotes, backslashes and control characters. */
function goQuote(s: string): string {
  const esc: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  return `"${s.replace(/["\\\u0000-\u001f\u007f]/g, (c) => esc[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

export const formatMap = (m: Readonly<Record<string, string>> | undefined): string =>
  Object.keys(m ?? {}).sort().map((k) => `${k}=${goQuote(m![k]!)}`).join('\n');

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.+)'\]$/;

export function podFieldValue(ref: Readonly<ObjectFieldSelector>, pod: Readonly<Pod>): string {
  const m = pod.metadata ?? {};
  switch (ref.fieldPath) {
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
  throw new Error(`unsupported fieldPath: ${ref.fieldPath}`);
}

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

export function containerResourceValue(ref: Readonly<ResourceFieldSelector>, pod: Readonly<Pod>, allocatable: Readonly<Record<string, string>>): string {
  const all: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const c = all.find((x) => x.name === ref.containerName);
  if (!c) throw new Error(`container ${ref.containerName ?? '""'} not found`);
  const [kind, name = ''] = ref.resource.split(/\.(.*)/s);
  if ((kind !== 'limits' && kind !== 'requests') || !RESOURCES.includes(name)) throw new Error(`unsupported container resource : ${ref.resource}`);
  const list = (kind === 'limits' ? c.resources?.limits : c.resources?.requests) as Record<string, string> | undefined;
  const raw = list?.[name] ?? (kind === 'limits' ? allocatable[name] : undefined);
  const q = tryParseQuantity(raw) ?? Quantity.fromInt(0);
  const d = tryParseQuantity(ref.divisor);
  const divisor = d && !d.isZero() ? d : Quantity.fromInt(1);
  const [num, den] = name === 'cpu' ? [q.milliValue(), divisor.milliValue()] : [q.value(), divisor.value()];
  return String(Math.ceil(num / den));
}

export function downwardPayload(
  items: readonly DownwardAPIVolumeFile[] | undefined,
  defaultMode: number | undefined,
  pod: Readonly<Pod>,
  allocatable: Readonly<Record<string, string>> = {},
): Payload {
  const payload: Payload = new Map();
  for (const item of items ?? []) {
    let value: string;
    if (item.fieldRef) value = podFieldValue(item.fieldRef, pod);
    else if (item.resourceFieldRef) value = containerResourceValue(item.resourceFieldRef, pod, allocatable);
    else throw new Error(`downwardAPI item ${item.path} has neither fieldRef nor resourceFieldRef`);
    payload.set(item.path, { data: Buffer.from(value, 'utf8'), mode: item.mode ?? defaultMode ?? DEFAULT_MODE });
  }
  return payload;
}
