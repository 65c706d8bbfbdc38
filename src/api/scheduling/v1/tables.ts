/** PriorityClasses, as upstream's printPriorityClass (PREEMPTIONPOLICY after AGE). */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

export const priorityClassTable: TableConvertor<PriorityClass> = {
  columns: [
    nameColumn,
    column('Value', d('PriorityClass.value'), 'integer'),
    column('Global-Default', d('PriorityClass.globalDefault'), 'boolean'),
    ageColumn,
    column('PreemptionPolicy', d('PriorityClass.preemptionPolicy')),
  ],
  cells: (pc, now) => [
    nameOf(pc),
    pc.value ?? 0,
    pc.globalDefault ?? false,
    ageOf(pc, now),
    pc.preemptionPolicy ?? 'PreemptLowerPriority',
  ],
};

export const SCHEDULING_V1_TABLES: Readonly<Record<string, TableConvertor>> = { PriorityClass: priorityClassTable };
