/** PodDisruptionBudgets, as upstream's printPodDisruptionBudget: `N/A` for the bound that is not set. */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';

const intOrString = (v: number | string | undefined): string => (v === undefined ? 'N/A' : String(v));

export const podDisruptionBudgetTable: TableConvertor<PodDisruptionBudget> = {
  columns: [
    nameColumn,
    column('Min Available', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', 'integer'),
    ageColumn,
  ],
  cells: (pdb, now) => [
    nameOf(pdb),
    intOrString(pdb.spec?.minAvailable),
    intOrString(pdb.spec?.maxUnavailable),
    pdb.status?.disruptionsAllowed ?? 0,
    ageOf(pdb, now),
  ],
};

export const POLICY_V1_TABLES: Readonly<Record<string, TableConvertor>> = { PodDisruptionBudget: podDisruptionBudgetTable };
