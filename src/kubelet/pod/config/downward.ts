/**
 * Downward API values for environment variables (upstream's podFieldSelectorRuntimeValue,
 * ExtractFieldPathAsString and ExtractContainerResourceValue).
 */
import type { Container, ObjectFieldSelector, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1.js';
import { containerResourceValue, podMetadataFieldValue } from '../../../api/core/v1/helpers/downward-api.js';
import { configError } from './source.js';

export interface PodNetworkFacts {
  /** The node's IPs, primary first. */
  hostIPs: readonly string[];
  /** The pod's IPs from its sandbox, primary first (empty for a pod whose sandbox has no IP yet). */
  podIPs: readonly string[];
}

export function fieldRefValue(ref: ObjectFieldSelector, pod: Readonly<Pod>, net: PodNetworkFacts): string {
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
  }
  const v = podMetadataFieldValue(ref.fieldPath, pod);
  if (v === undefined) throw configError(`unsupported fieldPath: ${ref.fieldPath}`);
  return v;
}

/** A resourceFieldRef's value (api helpers' containerResourceValue); a bad resource is a configuration error. */
export function resourceFieldRefValue(ref: ResourceFieldSelector, c: Readonly<Container>, allocatable: Readonly<Record<string, string>>): string {
  try {
    return containerResourceValue(ref, c, allocatable);
  } catch (e) {
    throw configError((e as Error).message);
  }
}
