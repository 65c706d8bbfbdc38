/** Namespaces, ConfigMaps, Secrets and ServiceAccounts: the small printers whose cells are counts or phases. */
import type { ConfigMap, Namespace, Secret, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

const count = (m: object | undefined): number => Object.keys(m ?? {}).length;

export const namespaceTable: TableConvertor<Namespace> = {
  columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
  cells: (ns, now) => [nameOf(ns), ns.status?.phase ?? '', ageOf(ns, now)],
};

export const configMapTable: TableConvertor<ConfigMap> = {
  columns: [nameColumn, column('Data', d('ConfigMap.data')), ageColumn],
  cells: (cm, now) => [nameOf(cm), count(cm.data) + count(cm.binaryData), ageOf(cm, now)],
};

/** DATA counts the stored keys; stringData is write-only and merged into data on write. */
export const secretTable: TableConvertor<Secret> = {
  columns: [nameColumn, column('Type', d('Secret.type')), column('Data', d('Secret.data')), ageColumn],
  cells: (s, now) => {
    const keys = new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]);
    return [nameOf(s), s.type ?? 'Opaque', keys.size, ageOf(s, now)];
  },
};

export const serviceAccountTable: TableConvertor<ServiceAccount> = {
  columns: [nameColumn, column('Secrets', d('ServiceAccount.secrets')), ageColumn],
  cells: (sa, now) => [nameOf(sa), (sa.secrets ?? []).length, ageOf(sa, now)],
};
