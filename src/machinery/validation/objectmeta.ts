/**
 * ObjectMeta validation, as upstream's apimachinery/pkg/api/validation (ValidateObjectMeta and
 * ValidateObjectMetaUpdate): names per the kind's name rule, namespace by scope, labels, annotations,
 * owner references, finalizers, and what an update may not change.
 */
import { FieldPath, forbidden, invalid, required, tooLong, type ErrorList } from './field.js';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
} from './names.js';
import { validateImmutable, validateNonnegative } from './numeric.js';

/** Validates a name (prefix=true: a generateName, whose trailing '-' is allowed). Returns messages. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** generateName may end in '-': validate it as if that dash were a letter. */
const maskTrailingDash = (name: string): string => (name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name);

export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
/** Names that only need to be one URL path segment (RBAC objects, nodes' compatibility names…). */
export const nameIsPathSegment: NameValidator = (name, prefix) => (prefix ? [] : isValidPathSegmentName(name));
export const validateNamespaceName: NameValidator = nameIsDNSLabel;

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

export interface ObjectMetaLike {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReferenceLike[];
  finalizers?: string[];
  resourceVersion?: string;
}

export interface OwnerReferenceLike {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of isValidLabelValue(String(v))) errs.push(invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** Owners that may never own anything (upstream's BannedOwners: core/v1 Event). */
const BANNED_OWNERS = new Set(['v1/Event']);

function validateOwnerReference(ref: OwnerReferenceLike, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!ref.apiVersion) errs.push(invalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind ?? '', 'kind must not be empty'));
  if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'name must not be empty'));
  if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'uid must not be empty'));
  const gvk = `${ref.apiVersion ?? ''}/${ref.kind ?? ''}`;
  if (BANNED_OWNERS.has(gvk)) errs.push(invalid(path, ref, `${gvk} is disallowed from being an owner`));
  return errs;
}

export function validateOwnerReferences(refs: OwnerReferenceLike[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const controllers: string[] = [];
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller) controllers.push(`${ref.kind ?? ''}/${ref.name ?? ''}`);
  }
  if (controllers.length > 1) {
    errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`));
  }
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  for (const f of finalizers ?? []) for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  const set = new Set(finalizers ?? []);
  if (set.has('orphan') && set.has('foregroundDeletion')) {
    errs.push(invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

export interface MetaRules {
  /** True for namespaced kinds: namespace is then required, else forbidden. */
  namespaced: boolean;
  /** The kind's name rule; defaults to a DNS-1123 subdomain. */
  nameFn?: NameValidator;
}

function validateNameAndNamespace(meta: ObjectMetaLike, rules: MetaRules, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const nameFn = rules.nameFn ?? nameIsDNSSubdomain;
  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true)) errs.push(invalid(path.child('generateName'), meta.generateName, msg));
  }
  if (!meta.name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(meta.name, false)) errs.push(invalid(path.child('name'), meta.name, msg));
  if (rules.namespaced) {
    if (!meta.namespace) errs.push(required(path.child('namespace'), ''));
    else for (const msg of validateNamespaceName(meta.namespace, false)) errs.push(invalid(path.child('namespace'), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  return errs;
}

/** Validates `metadata` of a new object. */
export function validateObjectMeta(meta: ObjectMetaLike | undefined, rules: MetaRules, path = FieldPath.root('metadata')): ErrorList {
  const m = meta ?? {};
  return [
    ...validateNameAndNamespace(m, rules, path),
    ...validateNonnegative(m.generation, path.child('generation')),
    ...validateLabels(m.labels, path.child('labels')),
    ...validateAnnotations(m.annotations, path.child('annotations')),
    ...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')),
    ...validateFinalizers(m.finalizers, path.child('finalizers')),
  ];
}

function validateNoNewFinalizers(next: string[] | undefined, prev: string[] | undefined, path: FieldPath): ErrorList {
  const old = new Set(prev ?? []);
  const added = (next ?? []).filter((f) => !old.has(f));
  if (added.length === 0) return [];
  return [forbidden(path, `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`)];
}

/** Validates `metadata` of an update: the new metadata as for create, then what may not change. */
export function validateObjectMetaUpdate(
  next: ObjectMetaLike | undefined,
  prev: ObjectMetaLike | undefined,
  rules: MetaRules,
  path = FieldPath.root('metadata'),
): ErrorList {
  const n = next ?? {};
  const o = prev ?? {};
  const errs = validateObjectMeta(n, rules, path);
  if (o.deletionTimestamp) errs.push(...validateNoNewFinalizers(n.finalizers, o.finalizers, path.child('finalizers')));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(path.child('generation'), n.generation, 'must not be decremented'));
  errs.push(
    ...validateImmutable(n.name, o.name, path.child('name')),
    ...validateImmutable(n.namespace ?? '', o.namespace ?? '', path.child('namespace')),
    // An update that omits uid or creationTimestamp keeps the stored ones (upstream's BeforeUpdate fills them).
    ...validateImmutable(n.uid ?? o.uid, o.uid, path.child('uid')),
    ...validateImmutable(n.creationTimestamp ?? o.creationTimestamp, o.creationTimestamp, path.child('creationTimestamp')),
    ...validateImmutable(n.deletionTimestamp, o.deletionTimestamp, path.child('deletionTimestamp')),
    ...validateImmutable(n.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds, path.child('deletionGracePeriodSeconds')),
  );
  return errs;
}
