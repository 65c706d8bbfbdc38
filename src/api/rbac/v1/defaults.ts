/** rbac.authorization.k8s.io/v1 defaults: subjects' apiGroup by kind (upstream's SetDefaults_Subject). */
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

function defaultSubject(s: Subject): void {
  if (s.apiGroup !== undefined && s.apiGroup !== '') return;
  if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  else if (s.kind === 'ServiceAccount') s.apiGroup = '';
}

export function defaultRoleBinding(b: RoleBinding | ClusterRoleBinding): void {
  for (const s of b.subjects ?? []) defaultSubject(s);
  if (b.roleRef && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
}
