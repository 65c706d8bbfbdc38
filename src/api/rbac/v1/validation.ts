/**
 * rbac.authorization.k8s.io/v1 validation (upstream's pkg/apis/rbac/validation): names are path segments, rules
 * need verbs, bindings need a valid roleRef (immutable) and subjects.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';
import { FieldPath, invalid, notSupported, required, type ErrorList } from '../../../machinery/validation/field.js';
import { isDNS1123Subdomain } from '../../../machinery/validation/names.js';
import { deepEqual } from '../../../machinery/validation/numeric.js';
import { nameIsPathSegment, validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';
import { RBAC_GROUP } from './defaults.js';

const meta = (namespaced: boolean) => ({ namespaced, nameFn: nameIsPathSegment });

function validateRule(rule: PolicyRule, namespaced: boolean, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if ((rule.verbs ?? []).length === 0) errs.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(path.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length || (rule.resources ?? []).length || (rule.resourceNames ?? []).length) {
      errs.push(invalid(path.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if ((rule.apiGroups ?? []).length === 0) errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0) errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

export function validateRole(role: Role): ErrorList {
  const errs = validateObjectMeta(role.metadata, meta(true));
  (role.rules ?? []).forEach((r, i) => errs.push(...validateRule(r, true, FieldPath.root('rules').index(i))));
  return errs;
}

export function validateClusterRole(role: ClusterRole): ErrorList {
  const errs = validateObjectMeta(role.metadata, meta(false));
  if (!role.aggregationRule) (role.rules ?? []).forEach((r, i) => errs.push(...validateRule(r, false, FieldPath.root('rules').index(i))));
  return errs;
}

function validateSubject(s: Subject, namespaced: boolean, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!s.name) errs.push(required(path.child('name'), ''));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) errs.push(...isDNS1123Subdomain(s.name).map((m) => invalid(path.child('name'), s.name, m)));
      if (s.apiGroup) errs.push(notSupported(path.child('apiGroup'), s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(path.child('namespace'), ''));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(notSupported(path.child('apiGroup'), s.apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(path.child('kind'), s.kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(b: RoleBinding | ClusterRoleBinding, namespaced: boolean): ErrorList {
  const errs = validateObjectMeta(b.metadata, meta(namespaced));
  const ref = b.roleRef ?? ({} as RoleBinding['roleRef']);
  const rp = FieldPath.root('roleRef');
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported(rp.child('apiGroup'), ref.apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported(rp.child('kind'), ref.kind, kinds));
  if (!ref.name) errs.push(required(rp.child('name'), ''));
  else errs.push(...nameIsPathSegment(ref.name, false).map((m) => invalid(rp.child('name'), ref.name, m)));
  (b.subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, FieldPath.root('subjects').index(i))));
  return errs;
}

export const validateRoleBinding = (b: RoleBinding): ErrorList => validateBinding(b, true);
export const validateClusterRoleBinding = (b: ClusterRoleBinding): ErrorList => validateBinding(b, false);

function validateBindingUpdate(next: RoleBinding | ClusterRoleBinding, prev: RoleBinding | ClusterRoleBinding, namespaced: boolean): ErrorList {
  const errs = [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, meta(namespaced)),
    ...validateBinding(next, namespaced).filter((e) => !e.field.startsWith('metadata')),
  ];
  if (!deepEqual(next.roleRef, prev.roleRef)) errs.push(invalid(FieldPath.root('roleRef'), next.roleRef, 'cannot change roleRef'));
  return errs;
}

export const validateRoleBindingUpdate = (n: RoleBinding, o: RoleBinding): ErrorList => validateBindingUpdate(n, o, true);
export const validateClusterRoleBindingUpdate = (n: ClusterRoleBinding, o: ClusterRoleBinding): ErrorList => validateBindingUpdate(n, o, false);
