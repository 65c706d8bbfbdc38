/**
 * The payload of a projected volume (upstream's projected plugin collectData): its configMap, secret, downwardAPI
 * and serviceAccountToken sources merged into one directory, each file with its item's mode or the volume's
 * defaultMode. A missing optional object contributes nothing; a missing required one is an error. A token needs a
 * TokenSource; without one the source is skipped with a note, so the rest of the volume still works.
 */
import type { Pod, ProjectedVolumeSource } from 'kubernetes-types/core/v1.js';
import type { Payload } from './atomic-writer.js';
import { downwardPayload } from './downward-api.js';
import { configMapValues, DEFAULT_MODE, keyedPayload, objectNotFound, secretValues } from './keyed-payload.js';
import { getConfigMap, getSecret, type Getter } from './objects.js';
import type { TokenSource } from './types.js';

export interface ProjectedDeps {
  client?: Getter;
  tokenSource?: TokenSource;
  nodeAllocatable?: Readonly<Record<string, string>>;
}

export interface ProjectedResult {
  payload: Payload;
  notes: string[];
}

export async function projectedPayload(src: Readonly<ProjectedVolumeSource>, pod: Readonly<Pod>, deps: ProjectedDeps): Promise<ProjectedResult> {
  const ns = pod.metadata?.namespace ?? '';
  const mode = src.defaultMode ?? DEFAULT_MODE;
  const payload: Payload = new Map();
  const notes: string[] = [];
  const add = (p: Payload) => p.forEach((v, k) => payload.set(k, v));
  for (const s of src.sources ?? []) {
    if (s.configMap) {
      const cm = await getConfigMap(deps.client, ns, s.configMap.name ?? '');
      if (!cm && !s.configMap.optional) throw objectNotFound('configmap', s.configMap.name ?? '');
      if (cm) add(keyedPayload(configMapValues(cm), { kind: 'configmap', items: s.configMap.items, defaultMode: mode, optional: s.configMap.optional }));
    } else if (s.secret) {
      const sec = await getSecret(deps.client, ns, s.secret.name ?? '');
      if (!sec && !s.secret.optional) throw objectNotFound('secret', s.secret.name ?? '');
      if (sec) add(keyedPayload(secretValues(sec), { kind: 'secret', items: s.secret.items, defaultMode: mode, optional: s.secret.optional }));
    } else if (s.downwardAPI) {
      add(downwardPayload(s.downwardAPI.items, mode, pod, deps.nodeAllocatable));
    } else if (s.serviceAccountToken) {
      if (!deps.tokenSource) {
        notes.push(`serviceAccountToken source ${s.serviceAccountToken.path} skipped: this kubelet has no token source`);
        continue;
      }
      const token = await deps.tokenSource(pod, s.serviceAccountToken);
      payload.set(s.serviceAccountToken.path, { data: Buffer.from(token, 'utf8'), mode });
    } else {
      throw new Error(`projected volume source ${Object.keys(s).join(',') || '(empty)'} is not supported`);
    }
  }
  return { payload, notes };
}
