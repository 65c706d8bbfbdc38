/**
 * RBAC printers: (Cluster)RoleBindings as upstream's printRoleBinding (ROLE is `Kind/name`, subjects split by kind,
 * service accounts as `namespace:name`); Roles and ClusterRoles have no printer upstream, so NAME, CREATED AT.
 */
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import {
  ageColumn,
  ageOf,
  column,
  createdAtTableConvertor,
  nameColumn,
  nameOf,
  wide,
} from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

/** Users, groups and service accounts of a binding, each joined by ", ". */
export function subjectCells(subjects: readonly Subject[] | undefined): [string, string, string] {
  const of = (kind: string): Subject[] => (subjects ?? []).filter((s) => s.kind === kind);
  const users = of('User').map((s) => s.name);
  const groups = of('Group').map((s) => s.name);
  const sas = of('ServiceAccount').map((s) => `${s.namespace ?? ''}:${s.name}`);
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingTable(what: string, roleRefDescription: string): TableConvertor<RoleBinding | ClusterRoleBinding> {
  return {
    columns: [
      nameColumn,
      column('Role', roleRefDescription),
      ageColumn,
      wide('Users', `Users in the ${what}`),
      wide('Groups', `Groups in the ${what}`),
      wide('ServiceAccounts', `ServiceAccounts in the ${what}`),
    ],
    cells: (b, now) => [
      nameOf(b),
      `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`,
      ageOf(b, now),
      ...subjectCells(b.subjects),
    ],
  };
}

export const roleBindingTable = bindingTable('roleBinding', d('RoleBinding.roleRef'));
export const clusterRoleBindingTable = bindingTable('clusterRoleBinding', d('ClusterRoleBinding.roleRef'));

export const RBAC_V1_TABLES: Readonly<Record<string, TableConvertor>> = {
  Role: createdAtTableConvertor,
  ClusterRole: createdAtTableConvertor,
  RoleBinding: roleBindingTable,
  ClusterRoleBinding: clusterRoleBindingTable,
};
