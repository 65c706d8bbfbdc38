/** Leases: HOLDER is spec.holderIdentity (empty when free), as upstream's printLease. */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

export const leaseTable: TableConvertor<Lease> = {
  columns: [nameColumn, column('Holder', d('LeaseSpec.holderIdentity')), ageColumn],
  cells: (lease, now) => [nameOf(lease), lease.spec?.holderIdentity ?? '', ageOf(lease, now)],
};

export const COORDINATION_V1_TABLES: Readonly<Record<string, TableConvertor>> = { Lease: leaseTable };
