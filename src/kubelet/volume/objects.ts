/**
 * The API objects volumes read: ConfigMaps, Secrets, PersistentVolumeClaims and PersistentVolumes, by GET through
 * the kubelet's client. A missing object answers undefined (the caller decides whether that is an error for it:
 * optional sources are not); any other failure rejects.
 */
import type { ConfigMap, PersistentVolume, PersistentVolumeClaim, Secret } from 'kubernetes-types/core/v1.js';
import type { Client, ResourceRef } from '../../client/interface.js';
import { CONFIG_MAPS, PVCS, SECRETS, resourceRef } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';

const PVS = resourceRef('', 'persistentvolumes');

export type Getter = Pick<Client, 'get'>;

async function getOrUndefined<T>(client: Getter | undefined, r: ResourceRef, ns: string, name: string, kind: string): Promise<T | undefined> {
  if (!client) throw new Error(`cannot read ${kind} "${name}": the kubelet has no API client`);
  try {
    return (await client.get(r, ns, name)) as T;
  } catch (e) {
    if (isNotFoundStatus(e)) return undefined;
    throw e;
  }
}

export const getConfigMap = (c: Getter | undefined, ns: string, name: string) => getOrUndefined<ConfigMap>(c, CONFIG_MAPS, ns, name, 'configmap');
export const getSecret = (c: Getter | undefined, ns: string, name: string) => getOrUndefined<Secret>(c, SECRETS, ns, name, 'secret');
export const getPVC = (c: Getter | undefined, ns: string, name: string) => getOrUndefined<PersistentVolumeClaim>(c, PVCS, ns, name, 'persistentvolumeclaim');
export const getPV = (c: Getter | undefined, name: string) => getOrUndefined<PersistentVolume>(c, PVS, '', name, 'persistentvolume');
