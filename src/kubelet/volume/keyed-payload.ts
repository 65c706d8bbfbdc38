/**
 * The payload of a configMap or secret source (upstream's MakePayload of both plugins): every key as a file named
 * for it with defaultMode, or only the `items` listed, each at its path with its mode (defaultMode when unset). An
 * item whose key the object lacks is skipped when the source is optional and an error otherwise.
 */
import type { ConfigMap, KeyToPath, Secret } from 'kubernetes-types/core/v1.js';
import type { Payload } from './atomic-writer.js';

/** 0644, the default of defaultMode in configMap, secret, downwardAPI and projected volumes. */
export const DEFAULT_MODE = 0o644;

export function configMapValues(cm: Readonly<ConfigMap> | undefined): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm?.data ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(cm?.binaryData ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

export function secretValues(s: Readonly<Secret> | undefined): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(s?.data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

const MISSING_KEY = {
  configmap: (k: string) => `configmap references non-existent config key: ${k}`,
  secret: (k: string) => `references non-existent secret key: ${k}`,
};

export interface KeyedSource {
  kind: 'configmap' | 'secret';
  items?: readonly KeyToPath[];
  defaultMode?: number;
  optional?: boolean;
}

export function keyedPayload(values: Map<string, Buffer>, src: KeyedSource): Payload {
  const mode = src.defaultMode ?? DEFAULT_MODE;
  const payload: Payload = new Map();
  if (!src.items?.length) {
    for (const [k, data] of values) payload.set(k, { data, mode });
    return payload;
  }
  for (const item of src.items) {
    const data = values.get(item.key);
    if (!data) {
      if (src.optional) continue;
      throw new Error(MISSING_KEY[src.kind](item.key));
    }
    payload.set(item.path, { data, mode: item.mode ?? mode });
  }
  return payload;
}

/** `configmap "x" not found` / `secret "x" not found`, as upstream's kubelet reports a missing non-optional object. */
export const objectNotFound = (kind: 'configmap' | 'secret', name: string): Error => new Error(`${kind} "${name}" not found`);
