/**
 * ConfigMap and Secret validation (upstream's ValidateConfigMap/ValidateSecret and their updates): valid config
 * keys, at most 1 MiB of data, type-specific required keys, and the `immutable` flag.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import { FieldPath, forbidden, invalid, required, tooLong, type ErrorList } from '../../../machinery/validation/field.js';
import { isConfigMapKey } from '../../../machinery/validation/names.js';
import { deepEqual, validateImmutable } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

/** 1 MiB: the most data a ConfigMap or Secret may hold. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const base64Length = (v: string): number => Buffer.from(v, 'base64').length;

function validateKeys(data: Record<string, string> | undefined, path: FieldPath, other?: Record<string, string>, otherName?: string): ErrorList {
  const errs: ErrorList = [];
  for (const key of Object.keys(data ?? {})) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(path.key(key), key, msg));
    if (other && key in other) errs.push(invalid(path.key(key), key, `duplicate of key present in ${otherName}`));
  }
  return errs;
}

export function validateConfigMap(cm: ConfigMap): ErrorList {
  const errs = [
    ...validateObjectMeta(cm.metadata, { namespaced: true }),
    ...validateKeys(cm.data, FieldPath.root('data'), cm.binaryData, 'binaryData'),
    ...validateKeys(cm.binaryData, FieldPath.root('binaryData'), cm.data, 'data'),
  ];
  let total = 0;
  for (const v of Object.values(cm.data ?? {})) total += Buffer.byteLength(String(v));
  for (const v of Object.values(cm.binaryData ?? {})) total += base64Length(String(v));
  // Upstream reports the whole object, which prints as the field `[]`.
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(FieldPath.root('[]'), '', MAX_SECRET_SIZE));
  return errs;
}

const IMMUTABLE_MSG = 'field is immutable when `immutable` is set';

function validateImmutableFlag(
  next: { immutable?: boolean },
  prev: { immutable?: boolean },
  fields: [string, unknown, unknown][],
): ErrorList {
  if (!prev.immutable) return [];
  const errs: ErrorList = [];
  if (!next.immutable) errs.push(forbidden(FieldPath.root('immutable'), IMMUTABLE_MSG));
  for (const [name, a, b] of fields) if (!deepEqual(a ?? {}, b ?? {})) errs.push(forbidden(FieldPath.root(name), IMMUTABLE_MSG));
  return errs;
}

export function validateConfigMapUpdate(next: ConfigMap, prev: ConfigMap): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }),
    ...validateImmutableFlag(next, prev, [['data', next.data, prev.data], ['binaryData', next.binaryData, prev.binaryData]]),
    ...validateConfigMap(next).filter((e) => !e.field.startsWith('metadata')),
  ];
}

/** Keys each built-in secret type requires (all of them, or — for basic-auth — at least one). */
const REQUIRED_KEYS: Record<string, { keys: string[]; any?: boolean; json?: boolean }> = {
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'], json: true },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'], json: true },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], any: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'] },
  'kubernetes.io/tls': { keys: ['tls.key', 'tls.crt'] },
};

function validateSecretType(secret: Secret, dataPath: FieldPath): ErrorList {
  const data = secret.data ?? {};
  if (secret.type === 'kubernetes.io/service-account-token') {
    const name = secret.metadata?.annotations?.['kubernetes.io/service-account.name'];
    return name ? [] : [required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name'), '')];
  }
  const rule = REQUIRED_KEYS[secret.type ?? ''];
  if (!rule) return [];
  const missing = rule.keys.filter((k) => !(k in data));
  if (rule.any ? missing.length === rule.keys.length : missing.length > 0) {
    return missing.map((k) => required(dataPath.key(k), ''));
  }
  if (!rule.json) return [];
  try {
    JSON.parse(Buffer.from(data[rule.keys[0]!]!, 'base64').toString('utf8'));
    return [];
  } catch (e) {
    return [invalid(dataPath.key(rule.keys[0]!), '<secret contents redacted>', (e as Error).message)];
  }
}

export function validateSecret(secret: Secret): ErrorList {
  const dataPath = FieldPath.root('data');
  const errs = [...validateObjectMeta(secret.metadata, { namespaced: true }), ...validateKeys(secret.data, dataPath)];
  let total = 0;
  for (const v of Object.values(secret.data ?? {})) total += base64Length(String(v));
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, '', MAX_SECRET_SIZE));
  errs.push(...validateSecretType(secret, dataPath));
  return errs;
}

export function validateSecretUpdate(next: Secret, prev: Secret): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }),
    ...validateImmutable(next.type, prev.type, FieldPath.root('type')),
    ...validateImmutableFlag(next, prev, [['data', next.data, prev.data]]),
    ...validateSecret(next).filter((e) => !e.field.startsWith('metadata')),
  ];
}
