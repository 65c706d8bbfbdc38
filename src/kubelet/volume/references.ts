/**
 * The ConfigMaps and Secrets a pod's volumes read (configMap, secret and projected sources): what a watch on those
 * objects maps back to pods, so a change re-runs setUpPodVolumes for just the pods that show it.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';

export interface VolumeObjectRefs {
  configMaps: Set<string>;
  secrets: Set<string>;
}

export function volumeObjectRefs(pod: Readonly<Pod>): VolumeObjectRefs {
  const refs: VolumeObjectRefs = { configMaps: new Set(), secrets: new Set() };
  for (const v of pod.spec?.volumes ?? []) {
    if (v.configMap?.name) refs.configMaps.add(v.configMap.name);
    if (v.secret?.secretName) refs.secrets.add(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) refs.configMaps.add(s.configMap.name);
      if (s.secret?.name) refs.secrets.add(s.secret.name);
    }
  }
  return refs;
}

/** Whether the pod's volumes read the ConfigMap (`kind` configmap) or Secret of that name in the pod's namespace. */
export function podReadsObject(pod: Readonly<Pod>, kind: 'configmap' | 'secret', namespace: string, name: string): boolean {
  if ((pod.metadata?.namespace ?? '') !== namespace) return false;
  const refs = volumeObjectRefs(pod);
  return (kind === 'configmap' ? refs.configMaps : refs.secrets).has(name);
}
