/**
 * The payload of a downwardAPI volume or projected source (upstream's CollectData): one file per item, holding a
 * pod field (metadata.name, namespace, uid, labels, annotations and one label or annotation by key; labels and
 * annotations as `key="value"` lines in key order) or a container resource (`limits.*` / `requests.*` of cpu,
 * memory, ephemeral-storage, divided by the divisor and rounded up; an unset limit reads the node's allocatable).
 */
import type { Container, DownwardAPIVolumeFile, ObjectFieldSelector, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1.js';
import { containerResourceValue, formatMap, podMetadataFieldValue } from '../../api/core/v1/helpers/downward-api.js';
import type { Payload } from './atomic-writer.js';
import { DEFAULT_MODE } from './keyed-payload.js';

export { formatMap };

export function podFieldValue(ref: Readonly<ObjectFieldSelector>, pod: Readonly<Pod>): string {
  const v = podMetadataFieldValue(ref.fieldPath, pod);
  if (v === undefined) throw new Error(`unsupported fieldPath: ${ref.fieldPath}`);
  return v;
}

function podContainerResourceValue(ref: Readonly<ResourceFieldSelector>, pod: Readonly<Pod>, allocatable: Readonly<Record<string, string>>): string {
  const all: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const c = all.find((x) => x.name === ref.containerName);
  if (!c) throw new Error(`container ${ref.containerName ?? '""'} not found`);
  return containerResourceValue(ref, c, allocatable);
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
    else if (item.resourceFieldRef) value = podContainerResourceValue(item.resourceFieldRef, pod, allocatable);
    else throw new Error(`downwardAPI item ${item.path} has neither fieldRef nor resourceFieldRef`);
    payload.set(item.path, { data: Buffer.from(value, 'utf8'), mode: item.mode ?? defaultMode ?? DEFAULT_MODE });
  }
  return payload;
}
